import type { Order } from '@tillgate/sdk/protocol';
import { expect } from 'vitest';
import { type Answer, type ApiClient, ref } from './api.js';
import type { TestGateway } from './gateway.js';
import { offerWallet, openStore, tillTokens } from './management.js';
import { emailedToken, PanelSession } from './panel.js';

/** Every kind of caller the authorization matrix asks about, seen from merchant A's till T1 in store A1. */
export const CALLER_KINDS = [
  'none',
  'till',
  'tillSameStore',
  'tillOtherStore',
  'tillOtherMerchant',
  'appTest',
  'appLive',
  'admin',
  'manager',
  'clerk',
  'userOtherStore',
  'userOtherMerchant',
  'secret',
  'secretOther',
] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

export type Credential =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'session'; session: PanelSession };

/** The things the matrix points at: merchant A's (test environment) unless named B. */
export interface Targets {
  storeA1: string;
  /** A store no till token depends on, so rotating its credentials breaks no fixture. */
  storeA3: string;
  tillT1: string;
  orderO1: Order;
  /** An order of T2 (same merchant), whose client secret is the "other" secret. */
  orderO2: Order;
  storeB1: string;
  tillTB: string;
  orderOB: Order;
  accountA: string;
  endpointA: string;
  deliveryA: string;
  spareApp: string;
  spareUser: string;
  documentA: string;
  /** A ready sales file of store A1. */
  reportA: string;
  /** A report subscription of store A1, awaiting its recipient's confirmation. */
  subscriptionA: string;
}

export interface Callers {
  t: TestGateway;
  credentials: Record<CallerKind, Credential>;
  targets: Targets;
  /** Merchant A's test app and admin session, for preparing fresh targets. */
  app: string;
  admin: PanelSession;
  /** What each caller may never see in any answer: the other merchant's ids, other tills' orders. */
  unseen: Record<CallerKind, string[]>;
}

let counter = 0;
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

const ok = <T>(r: Answer<T>, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

/** A pending order of the till holding `token`. */
export async function pendingOrder(api: ApiClient, token: string, amount = 10_000): Promise<Order> {
  return ok(await api.createOrder(token, { order_ref: ref('MX'), wallet: 'picpay', amount }), 201);
}

/** Signs a merchant up, activates it from its email and logs its admin in. */
async function signUp(api: ApiClient): Promise<PanelSession> {
  const email = `${unique('b')}@merchant-b.test`;
  const password = 'senha-forte-do-b';
  ok(
    await api.call('POST', '/v1/panel/signup', {
      body: { merchant_name: 'Mercado B', cnpj: '11.444.777/0001-61', email, password },
    }),
    201,
  );
  const token = await emailedToken(api, email, 'activate');
  ok(await api.call('POST', '/v1/panel/activate', { body: { token } }));
  return PanelSession.logIn(api, email, password);
}

/** An invited user who accepted; a fresh email each time. */
export async function invitee(admin: PanelSession, role: string, storeIds: string[] | null): Promise<PanelSession> {
  const email = `${unique(role)}@demo.test`;
  ok(await admin.call('POST', '/v1/users', { body: { email, role, store_ids: storeIds } }), 201);
  const token = await emailedToken(admin.api, email, 'invite');
  return PanelSession.from(
    admin.api,
    await admin.api.call('POST', '/v1/panel/invitations/accept', {
      body: { token, name: 'Convidado', password: 'senha-do-convidado' },
    }),
  );
}

/**
 * Two merchants with stores, tills, users and orders, and one credential per caller kind, built once per
 * suite through the public API as a merchant would.
 */
export async function buildCallers(t: TestGateway): Promise<Callers> {
  const api = t.api;
  const session = (email: string) => PanelSession.logIn(api, email, t.demo.panel_password);
  const emailOf = (role: string) => t.demo.panel_users.find((u) => u.role === role)?.email as string;
  const [admin, manager, clerk] = await Promise.all([
    session(emailOf('admin')),
    session(emailOf('manager')),
    session(emailOf('clerk')),
  ]);
  const app = await api.appToken();
  const [till, tillSameStore] = [await api.tillToken(0), await api.tillToken(1)];
  const storeA1 = await demoStore(api, app);

  const endpointA = ok<{ id: string }>(
    await api.call('POST', '/v1/webhook-endpoints', {
      token: app,
      body: { url: 'http://127.0.0.1:9/matrix', events: ['order.created'] },
    }),
    201,
  ).id;
  const storeA2 = await openStore(api, app, 'Filial A2');
  const storeA3 = ok<{ id: string }>(
    await api.call('POST', '/v1/stores', { token: app, body: { name: 'Filial A3' } }),
    201,
  ).id;
  await offerWallet(api, app, storeA2.storeId);
  const tillOtherStore = (await tillTokens(api, storeA2)).access;
  const orderO1 = await pendingOrder(api, till);
  const orderO2 = await pendingOrder(api, tillSameStore);

  // Merchant B: signed up from scratch, with its own store, till, wallet and order.
  const adminB = await signUp(api);
  const storeB = ok<{ id: string }>(
    await adminB.call('POST', '/v1/stores', { body: { name: 'Loja B', cnpj: '11.444.777/0001-61' } }),
    201,
  ).id;
  const tillB = ok<{ id: string; client_id: string }>(
    await adminB.call('POST', '/v1/tills', { body: { store_id: storeB, name: 'Caixa B', category: 'physical' } }),
    201,
  );
  const keysB = ok<{ access_key: string; secret_key: string }>(
    await adminB.call('POST', `/v1/stores/${storeB}/credentials`),
    201,
  );
  const accountB = ok<{ id: string }>(
    await adminB.call('POST', '/v1/provider-accounts', {
      body: { kind: 'wallet', provider: 'picpay', name: 'PicPay' },
    }),
    201,
  ).id;
  ok(
    await adminB.call('POST', `/v1/provider-accounts/${accountB}/associations`, {
      body: { wallet: 'picpay', store_id: storeB },
    }),
    201,
  );
  const tillOtherMerchant = (
    await tillTokens(api, { accessKey: keysB.access_key, secretKey: keysB.secret_key, clientId: tillB.client_id })
  ).access;
  const orderOB = await pendingOrder(api, tillOtherMerchant);

  // A live app of merchant A: an admin session switched to live creates it.
  const liveAdmin = await session(emailOf('admin'));
  ok(await liveAdmin.call('POST', '/v1/panel/session/environment', { body: { environment: 'live' } }));
  const liveApp = ok<{ app_name: string; app_secret: string }>(
    await liveAdmin.call('POST', '/v1/apps', { body: { app_name: unique('matrix-live') } }),
    201,
  );
  const appLive = ok<{ access_token: string }>(
    await api.call('POST', '/v1/auth/app', { body: { app_name: liveApp.app_name, app_secret: liveApp.app_secret } }),
  ).access_token;

  const userOtherStore = await invitee(admin, 'manager', [storeA2.storeId]);
  const spareApp = ok<{ app_name: string }>(
    await admin.call('POST', '/v1/apps', { body: { app_name: unique('matrix-spare') } }),
    201,
  ).app_name;
  const spareUser = ok<{ id: string }>(
    await admin.call('POST', '/v1/users', { body: { email: `${unique('spare')}@demo.test`, role: 'clerk' } }),
    201,
  ).id;
  const documentA = ok<{ id: string }>(
    await admin.call('POST', '/v1/panel/documents?name=contrato.pdf', {
      raw: Buffer.from('%PDF-1.4\n%matrix\n'),
      headers: { 'content-type': 'application/pdf' },
    }),
    201,
  ).id;
  const deliveryA = await firstDelivery(api, app);
  const reportA = await readyReport(admin, storeA1);
  const subscriptionA = ok<{ id: string }>(
    await admin.call('POST', '/v1/report-subscriptions', {
      body: { ...SUBSCRIPTION, email: `${unique('rs')}@x.test`, store_id: storeA1 },
    }),
    201,
  ).id;

  const targets: Targets = {
    storeA1,
    storeA3,
    tillT1: t.demo.tills[0]?.id as string,
    orderO1,
    orderO2,
    storeB1: storeB,
    tillTB: tillB.id,
    orderOB,
    accountA: 'pac_DEMO0000000000000000000000',
    endpointA,
    deliveryA,
    spareApp,
    spareUser,
    documentA,
    reportA,
    subscriptionA,
  };
  const bearer = (token: string): Credential => ({ kind: 'bearer', token });
  const credentials: Record<CallerKind, Credential> = {
    none: { kind: 'none' },
    till: bearer(till),
    tillSameStore: bearer(tillSameStore),
    tillOtherStore: bearer(tillOtherStore),
    tillOtherMerchant: bearer(tillOtherMerchant),
    appTest: bearer(app),
    appLive: bearer(appLive),
    admin: { kind: 'session', session: admin },
    manager: { kind: 'session', session: manager },
    clerk: { kind: 'session', session: clerk },
    userOtherStore: { kind: 'session', session: userOtherStore },
    userOtherMerchant: { kind: 'session', session: adminB },
    secret: bearer(orderO1.client_secret),
    secretOther: bearer(orderO2.client_secret),
  };
  const merchantA = [
    targets.storeA1,
    targets.tillT1,
    orderO1.id,
    orderO2.id,
    endpointA,
    deliveryA,
    documentA,
    reportA,
    subscriptionA,
  ];
  const merchantB = [storeB, tillB.id, orderOB.id];
  const otherTills = [orderO1.id];
  const unseen: Record<CallerKind, string[]> = {
    none: [...merchantA, ...merchantB],
    till: merchantB,
    tillSameStore: [...merchantB, ...otherTills],
    tillOtherStore: [...merchantB, ...otherTills],
    tillOtherMerchant: merchantA,
    appTest: merchantB,
    appLive: [...merchantB, orderO1.id, orderO2.id, deliveryA],
    admin: merchantB,
    manager: merchantB,
    clerk: merchantB,
    userOtherStore: [...merchantB, orderO1.id, orderO2.id],
    userOtherMerchant: merchantA,
    secret: [...merchantB, orderO2.id],
    secretOther: [...merchantB, orderO1.id],
  };
  return { t, credentials, targets, app, admin, unseen };
}

/** The demo store: the only one, hence the oldest, before the suite opens its own. */
async function demoStore(api: ApiClient, app: string): Promise<string> {
  const r = ok<{ data: Array<{ id: string }> }>(await api.call('GET', '/v1/stores?limit=100', { token: app }));
  return r.data.at(-1)?.id as string;
}

/** The delivery of O1's order.created to the loopback endpoint; written with the event, so it exists at once. */
async function firstDelivery(api: ApiClient, app: string): Promise<string> {
  const r = ok<{ data: Array<{ id: string }> }>(await api.call('GET', '/v1/webhook-deliveries', { token: app }));
  const id = r.data[0]?.id;
  if (!id) throw new Error('no webhook delivery was recorded');
  return id;
}

/** Sends a request as this caller: a bearer header, or the panel cookie with its CSRF token. */
export function callAs(
  callers: Callers,
  credential: Credential,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Answer> {
  if (credential.kind === 'session') return credential.session.call(method, path, options);
  const token = credential.kind === 'bearer' ? credential.token : undefined;
  return callers.t.api.call(method, path, { ...options, token });
}

/** A weekly sales file by email, without its recipient and store. */
export const SUBSCRIPTION = { report: 'sales', format: 'csv', frequency: 'weekly' } as const;

/** The week before the suites' clock (2026-06-01), as a sales file request. */
export const LAST_WEEK = { kind: 'sales', format: 'csv', from: '2026-05-25', to: '2026-05-31' } as const;

/** A sales file of one store, once its job has made it ready. */
async function readyReport(admin: PanelSession, storeId: string): Promise<string> {
  const { id } = ok<{ id: string }>(
    await admin.call('POST', '/v1/reports', { body: { ...LAST_WEEK, store_id: storeId } }),
    202,
  );
  for (let i = 0; i < 200; i++) {
    const { status } = ok<{ status: string }>(await admin.call('GET', `/v1/reports/${id}`));
    if (status === 'ready') return id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`report ${id} did not become ready`);
}
