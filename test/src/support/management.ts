import { DEMO_MERCHANT_ID, issueAppCredential } from '@tillgate/gateway';
import { expect } from 'vitest';
import { type ApiClient, ref } from './api.js';
import type { TestGateway } from './gateway.js';

/** A token of a new live app of the demo merchant (live has none until one is issued). */
export async function liveAppToken(t: TestGateway, appName: string): Promise<string> {
  const credential = await issueAppCredential(t.gateway.db.knex, DEMO_MERCHANT_ID, 'live', appName, t.clock.now());
  return (await t.api.call<{ access_token: string }>('POST', '/v1/auth/app', { body: credential })).body.access_token;
}

export interface NewStore {
  storeId: string;
  tillId: string;
  clientId: string;
  accessKey: string;
  secretKey: string;
}

/** Through the management API with an app token: a store, a till in it, and the store's till credentials. */
export async function openStore(api: ApiClient, app: string, name = 'Loja Teste'): Promise<NewStore> {
  const store = await api.call<{ id: string }>('POST', '/v1/stores', {
    token: app,
    body: { name, cnpj: '11.222.333/0001-81', address: 'Rua Teste, 1', phone: '+55 11 3000-0000' },
  });
  expect(store.status).toBe(201);
  const till = await api.call<{ id: string; client_id: string }>('POST', '/v1/tills', {
    token: app,
    body: { store_id: store.body.id, name: 'Caixa 1', category: 'physical' },
  });
  expect(till.status).toBe(201);
  const credentials = await rotate(api, app, store.body.id);
  return { storeId: store.body.id, tillId: till.body.id, clientId: till.body.client_id, ...credentials };
}

export async function rotate(
  api: ApiClient,
  app: string,
  storeId: string,
): Promise<{ accessKey: string; secretKey: string }> {
  const r = await api.call<{ access_key: string; secret_key: string }>('POST', `/v1/stores/${storeId}/credentials`, {
    token: app,
  });
  expect(r.status).toBe(201);
  return { accessKey: r.body.access_key, secretKey: r.body.secret_key };
}

/** The raw answer of a till log-in. */
export const tillLogin = (api: ApiClient, s: { accessKey: string; secretKey: string; clientId: string }) =>
  api.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/till', {
    body: { access_key: s.accessKey, secret_key: s.secretKey, client_id: s.clientId },
  });

export async function tillTokens(
  api: ApiClient,
  s: { accessKey: string; secretKey: string; clientId: string },
): Promise<{ access: string; refresh: string }> {
  const r = await tillLogin(api, s);
  expect(r.status).toBe(200);
  return { access: r.body.access_token, refresh: r.body.refresh_token };
}

export const refresh = (api: ApiClient, refreshToken: string) =>
  api.call('POST', '/v1/auth/refresh', { headers: { authorization: `Bearer ${refreshToken}` } });

export const createOrder = (api: ApiClient, token: string, wallet = 'picpay', amount = 1990) =>
  api.createOrder(token, { order_ref: ref('M'), wallet, amount });

/** A sandbox wallet account offering `wallet` to the store. */
export async function offerWallet(api: ApiClient, app: string, storeId: string, wallet = 'picpay'): Promise<string> {
  const account = await api.call<{ id: string }>('POST', '/v1/provider-accounts', {
    token: app,
    body: { kind: 'wallet', provider: wallet, name: `Conta ${wallet}` },
  });
  expect(account.status).toBe(201);
  const association = await api.call('POST', `/v1/provider-accounts/${account.body.id}/associations`, {
    token: app,
    body: { wallet, store_id: storeId },
  });
  expect(association.status).toBe(201);
  return account.body.id;
}
