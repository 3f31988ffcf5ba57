import { startGateway } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import {
  createOrder,
  type NewStore,
  offerWallet,
  openStore,
  refresh,
  rotate,
  tillLogin,
  tillTokens,
} from './support/management.js';

const code = (r: { body: unknown }) => (r.body as { code?: string }).code;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`the management API over HTTP with an app token on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let app: string;
    let shop: NewStore;
    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage);
      app = await t.api.appToken();
      shop = await openStore(t.api, app);
      await offerWallet(t.api, app, shop.storeId);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.drop();
    });

    it('opens a store with a checked CNPJ, lists, edits and closes it', async () => {
      const bad = await t.api.call('POST', '/v1/stores', { token: app, body: { name: 'X', cnpj: '11222333000191' } });
      expect([bad.status, code(bad)]).toEqual([422, 'validation_failed']);
      expect((bad.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['cnpj']);

      const got = await t.api.call<{ cnpj: string; active: boolean }>('GET', `/v1/stores/${shop.storeId}`, {
        token: app,
      });
      expect(got.body).toMatchObject({ cnpj: '11222333000181', active: true });
      const other = await t.api.call<{ id: string }>('POST', '/v1/stores', { token: app, body: { name: 'Filial' } });
      const closed = await t.api.call('PATCH', `/v1/stores/${other.body.id}`, {
        token: app,
        body: { active: false, phone: '+55 11 4000-0000' },
      });
      expect(closed.body).toMatchObject({ active: false, phone: '+55 11 4000-0000' });
      const ids = async (query: string) =>
        (await t.api.call<{ data: Array<{ id: string }> }>('GET', `/v1/stores${query}`, { token: app })).body.data.map(
          (s) => s.id,
        );
      expect(await ids('')).not.toContain(other.body.id);
      expect(await ids('?include_inactive=true')).toContain(other.body.id);
    });

    it('creates tills with a generated client id, and lists them by store', async () => {
      const r = await t.api.call<{ data: Array<{ id: string; client_id: string }> }>(
        'GET',
        `/v1/tills?store_id=${shop.storeId}`,
        { token: app },
      );
      expect(r.body.data).toEqual([expect.objectContaining({ id: shop.tillId, client_id: shop.clientId })]);
      expect(shop.clientId).toMatch(/^caixa-[a-z0-9]{6}$/);
    });

    it("shows a store's access key but never its secret; a till token may not manage", async () => {
      const current = await t.api.call('GET', `/v1/stores/${shop.storeId}/credentials`, { token: app });
      expect(current.body).toEqual({ access_key: shop.accessKey, environment: 'test', created_at: expect.any(String) });
      const { access } = await tillTokens(t.api, shop);
      for (const [method, path] of [
        ['GET', '/v1/stores'],
        ['POST', `/v1/stores/${shop.storeId}/credentials`],
        ['GET', '/v1/provider-accounts'],
      ] as const) {
        const r = await t.api.call(method, path, { token: access });
        expect([path, r.status, code(r)]).toEqual([path, 403, 'forbidden']);
      }
      const apps = await t.api.call('GET', '/v1/apps', { token: app });
      expect([apps.status, code(apps)]).toEqual([403, 'forbidden']);
    });

    it('rotating credentials refuses the old pair, its access tokens and its refresh tokens at once', async () => {
      const shop2 = await openStore(t.api, app, 'Loja Rotação');
      await offerWallet(t.api, app, shop2.storeId);
      const old = await tillTokens(t.api, shop2);
      expect((await createOrder(t.api, old.access)).status).toBe(201);

      const fresh = await rotate(t.api, app, shop2.storeId);
      const refused = await createOrder(t.api, old.access);
      expect([refused.status, code(refused)]).toEqual([401, 'invalid_token']);
      const stale = await refresh(t.api, old.refresh);
      expect(stale.status).toBe(401);
      expect((await tillLogin(t.api, shop2)).status).toBe(401);

      const renewed = await tillTokens(t.api, { ...shop2, ...fresh });
      expect((await createOrder(t.api, renewed.access)).status).toBe(201);
      expect((await refresh(t.api, renewed.refresh)).status).toBe(200);
    });

    it('deactivating a till refuses its tokens and log-ins; reactivating lets it sign in again', async () => {
      const till = await t.api.call<{ id: string; client_id: string }>('POST', '/v1/tills', {
        token: app,
        body: { store_id: shop.storeId, name: 'Caixa 2', category: 'ecommerce' },
      });
      const creds = { ...shop, clientId: till.body.client_id };
      const tokens = await tillTokens(t.api, creds);
      const off = await t.api.call('PATCH', `/v1/tills/${till.body.id}`, { token: app, body: { active: false } });
      expect(off.body).toMatchObject({ active: false, category: 'ecommerce' });
      expect(code(await createOrder(t.api, tokens.access))).toBe('invalid_token');
      expect((await refresh(t.api, tokens.refresh)).status).toBe(401);
      expect((await tillLogin(t.api, creds)).status).toBe(401);

      await t.api.call('PATCH', `/v1/tills/${till.body.id}`, { token: app, body: { active: true, name: 'Web' } });
      expect(code(await createOrder(t.api, tokens.access))).toBe('invalid_token');
      const again = await tillTokens(t.api, creds);
      expect((await createOrder(t.api, again.access)).status).toBe(201);
    });

    it("offers an associated wallet to the store's tills, and takes it away again", async () => {
      const { access } = await tillTokens(t.api, shop);
      const wallets = async () =>
        (await t.api.call<{ data: Array<{ wallet: string }> }>('GET', '/v1/wallets', { token: access })).body.data.map(
          (w) => w.wallet,
        );
      expect(await wallets()).toEqual(['picpay']);
      expect(code(await createOrder(t.api, access, 'ame'))).toBe('wallet_not_available');
      const accountId = await offerWallet(t.api, app, shop.storeId, 'ame');
      expect(await wallets()).toEqual(['ame', 'picpay']);
      expect((await createOrder(t.api, access, 'ame')).status).toBe(201);

      const list = await t.api.call<{ data: Array<{ id: string; associations: Array<{ id: string }> }> }>(
        'GET',
        '/v1/provider-accounts',
        { token: app },
      );
      const account = list.body.data.find((a) => a.id === accountId);
      expect(account).toMatchObject({ kind: 'wallet', wallets: ['ame'], has_certificate: false });
      expect(JSON.stringify(list.body)).not.toMatch(/secret|sealed/i);
      const association = account?.associations[0]?.id;
      const removed = await t.api.call('DELETE', `/v1/provider-accounts/${accountId}/associations/${association}`, {
        token: app,
      });
      expect(removed.status).toBe(204);
      expect(await wallets()).toEqual(['picpay']);
      const wrong = await t.api.call('POST', `/v1/provider-accounts/${accountId}/associations`, {
        token: app,
        body: { wallet: 'picpay', store_id: shop.storeId },
      });
      expect([wrong.status, code(wrong)]).toEqual([422, 'validation_failed']);
    });

    it("shows each till's current order, the latest payments, and idles a till not heard from for 15 min", async () => {
      const { access } = await tillTokens(t.api, shop);
      const order = (await createOrder(t.api, access, 'picpay', 4550)).body;
      await t.api.pay(access, order.id);
      type Board = {
        tills: Array<{ till: { id: string }; current_order: Order | null; idle: boolean; last_activity_at: string }>;
        recent_payments: Order[];
      };
      // A fresh app token each time: the clock moves past an access token's 15 minutes.
      const board = async () =>
        (await t.api.call<Board>('GET', `/v1/board?store_id=${shop.storeId}`, { token: await t.api.appToken() })).body;
      const now = await board();
      const tile = now.tills.find((x) => x.till.id === shop.tillId);
      expect(tile).toMatchObject({ idle: false, current_order: { id: order.id, status: 'approved' } });
      expect(now.recent_payments[0]).toMatchObject({ id: order.id, amount: 4550 });

      // A till heard from only by its log-in is not idle either.
      const quiet = await t.api.call<{ client_id: string; id: string }>('POST', '/v1/tills', {
        token: app,
        body: { store_id: shop.storeId, name: 'Caixa 3', category: 'physical' },
      });
      await tillTokens(t.api, { ...shop, clientId: quiet.body.client_id });
      expect((await board()).tills.find((x) => x.till.id === quiet.body.id)).toMatchObject({
        current_order: null,
        idle: false,
        last_activity_at: t.clock.now().toISOString(),
      });

      t.clock.advance(15 * 60_000);
      expect((await board()).tills.find((x) => x.till.id === shop.tillId)?.idle).toBe(true);
      t.clock.advance(45 * 60_000);
      const later = (await board()).tills.find((x) => x.till.id === shop.tillId);
      expect(later?.current_order).toBeNull();
      expect(later?.last_activity_at).toBe(order.created_at);
    });
  });
}

const postgres = (await backends()).find((b) => b.name === 'postgres');
describe.skipIf(!postgres || postgres.unavailable)('rotation seen by another instance on PostgreSQL', () => {
  it('refuses the old tokens there within the 2 s refresh', async () => {
    const storage = await (postgres as NonNullable<typeof postgres>).create();
    const first = await startTestGateway(storage);
    const second = await startGateway({
      databaseUrl: storage.databaseUrl,
      port: 0,
      log: pino({ level: 'silent' }),
      clock: first.clock,
    });
    try {
      const app = await first.api.appToken();
      const shop = await openStore(first.api, app);
      await offerWallet(first.api, app, shop.storeId);
      const other = new ApiClient(second.url, first.demo);
      const { access } = await tillTokens(other, shop);
      expect((await createOrder(other, access)).status).toBe(201);
      await rotate(first.api, app, shop.storeId);
      const started = Date.now();
      await expect.poll(async () => (await createOrder(other, access)).status, { timeout: 3000 }).toBe(401);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await second.close();
      await first.close();
      await storage.drop();
    }
  });
});
