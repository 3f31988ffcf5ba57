import type { PaymentAdapter, ProviderAccount, ProviderDescriptor } from '@tillgate/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { liveAppToken } from './support/management.js';

/** What the fake provider was handed: accounts as the adapter reads them, notifications as they arrived. */
const seen = {
  accounts: [] as ProviderAccount[],
  notifications: [] as { headers: Record<string, string>; raw: string }[],
};

const unused = () => Promise.reject(new Error('not used by this suite'));

/**
 * The management API finds a wallet's provider by the wallet, and the wallet's own adapter (`picpay`) is
 * installed, so the fake takes its id: a descriptor with an installed id replaces that provider.
 */
const FAKE_ID = 'picpay';
const fakeAdapter: PaymentAdapter = {
  id: FAKE_ID,
  wallets: ['picpay'],
  createCharge: unused,
  getCharge: unused,
  cancelCharge: unused,
  refund: unused,
  async parseNotification({ headers, rawBody, account }) {
    seen.accounts.push(account);
    seen.notifications.push({ headers, raw: rawBody.toString('utf8') });
    return [];
  },
  async testConnection(account) {
    seen.accounts.push(account);
  },
};

/** A wallet provider as a folder declares it: one secret field, one for live only, one for test only. */
const fakepay: ProviderDescriptor = {
  id: FAKE_ID,
  displayName: 'FakePay',
  wallets: ['picpay'],
  capabilities: {
    partialRefunds: false,
    maxRefunds: 1,
    refundWindowDays: 30,
    minAmount: 100,
    maxAmount: null,
    maxExpiresInSeconds: 900,
    deepLinks: true,
    captureStep: false,
    staticQr: false,
  },
  account: z.object({
    token: z.string().min(1).meta({ label: 'Token', secret: true }),
    seller_code: z.string().min(1).optional().meta({ label: 'Código do vendedor', requiredInLive: true }),
    base_url: z.url().optional().meta({ label: 'Emulador', testOnly: true }),
  }),
  create: () => fakeAdapter,
};

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`a provider known by its descriptor on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let app: string;
    let live: string;

    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage, { providers: [fakepay] });
      app = await t.api.appToken();
      live = await liveAppToken(t, 'fake-live');
    });
    afterAll(async () => {
      await t?.close();
      await storage?.drop();
    });

    const add = (token: string, fields: Record<string, unknown>) =>
      t.api.call<{ id: string; kind: string; wallets: string[] }>('POST', '/v1/provider-accounts', {
        token,
        body: { kind: 'wallet', provider: 'picpay', name: 'PicPay da loja', ...fields },
      });
    const refusal = (r: { status: number; body: unknown }) => [
      r.status,
      (r.body as { errors?: { field: string }[] }).errors?.map((e) => e.field),
    ];

    it('stores the fields it declares, the secret ones sealed, and hands them to the adapter opened', async () => {
      const r = await add(app, { token: 'tok-123', base_url: 'http://127.0.0.1:9' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect([r.body.kind, r.body.wallets]).toEqual(['wallet', ['picpay']]);
      const row = await t.gateway.db.knex('provider_accounts').where({ id: r.body.id }).first();
      const stored = typeof row.config === 'string' ? JSON.parse(row.config) : row.config;
      expect([row.adapter, stored.base_url, stored.token, typeof stored.sealed]).toEqual([
        FAKE_ID,
        'http://127.0.0.1:9',
        undefined,
        'string',
      ]);
      expect(JSON.stringify(stored)).not.toContain('tok-123');
      const tested = await t.api.call<{ ok: boolean }>('POST', `/v1/provider-accounts/${r.body.id}/test`, {
        token: app,
      });
      expect(tested.body.ok).toBe(true);
      expect(seen.accounts.at(-1)?.config).toMatchObject({ token: 'tok-123', base_url: 'http://127.0.0.1:9' });
    });

    it('refuses a field the provider does not declare, and one of the wrong shape, naming each', async () => {
      expect(refusal(await add(app, { token: 'x', pin: '1' }))).toEqual([422, ['pin']]);
      expect(refusal(await add(app, { base_url: 'not a url' }))).toEqual([422, ['token', 'base_url']]);
    });

    it('in live, refuses the test-only fields and demands the live ones', async () => {
      expect(refusal(await add(live, { token: 'x', seller_code: 'S1', base_url: 'http://127.0.0.1:9' }))).toEqual([
        422,
        ['base_url'],
      ]);
      expect(refusal(await add(live, { token: 'x' }))).toEqual([422, ['seller_code']]);
      expect((await add(live, { token: 'x', seller_code: 'S1' })).status).toBe(201);
    });

    it('hands a notification to its adapter as the exact bytes and headers sent, whatever their type', async () => {
      const account = (await add(app, { token: 'tok-n' })).body.id;
      const raw = '{"id" : 1,\n  "amount": 10.50 }';
      const r = await fetch(`${t.gateway.url}/v1/providers/${FAKE_ID}/${account}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-signature': 'ts=1,v1=abc' },
        body: raw,
      });
      expect(r.status).toBe(204);
      expect(seen.notifications.at(-1)).toMatchObject({ raw, headers: { 'x-signature': 'ts=1,v1=abc' } });
      expect(seen.accounts.at(-1)?.config).toMatchObject({ token: 'tok-n' });
    });

    it('answers 404 for an adapter it does not have, or an account of another adapter', async () => {
      const account = (await add(app, { token: 'tok-404' })).body.id;
      const post = (path: string) =>
        fetch(`${t.gateway.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
      const before = seen.notifications.length;
      expect((await post(`/v1/providers/nopay/${account}/webhook`)).status).toBe(404);
      expect((await post(`/v1/providers/sandbox/${account}/webhook`)).status).toBe(404);
      expect(seen.notifications.length).toBe(before);
    });
  });
}
