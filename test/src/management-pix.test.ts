import { profilePaths } from '@tillgate/gateway';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { createOrder, type NewStore, openStore, tillTokens } from './support/management.js';

const PROFILE = 'bb';
const APP_KEY = 'app-key-of-the-test';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`a bank's Pix account from the management API on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let emulator: PixEmulator;
    let app: string;
    let shop: NewStore;
    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage);
      const paths = profilePaths(PROFILE);
      emulator = await startPixEmulator({
        clientId: 'panel-client',
        clientSecret: 'panel-secret',
        tokenPath: paths.tokenPath,
        apiPath: paths.apiPath,
        ...(paths.appKeyParam ? { requiredQuery: { name: paths.appKeyParam, value: APP_KEY } } : {}),
        now: () => t.clock.now(),
      });
      app = await t.api.appToken();
      shop = await openStore(t.api, app);
    });
    afterAll(async () => {
      await emulator?.close();
      await t?.close();
      await storage?.drop();
    });

    const addAccount = (clientSecret: string) =>
      t.api.call<{ id: string; webhook_path: string }>('POST', '/v1/provider-accounts', {
        token: app,
        body: {
          kind: 'pix',
          provider: PROFILE,
          name: 'Pix BB',
          pix_key: 'pix@loja.example',
          client_id: 'panel-client',
          client_secret: clientSecret,
          base_url: emulator.url,
          app_key: APP_KEY,
        },
      });
    const test = (id: string) =>
      t.api.call<{ ok: boolean; detail: string }>('POST', `/v1/provider-accounts/${id}/test`, { token: app });

    it('tests the connection with a real OAuth token from the bank, and says why it fails', async () => {
      const good = await addAccount('panel-secret');
      expect(good.status).toBe(201);
      expect(good.body).toMatchObject({
        kind: 'pix',
        provider: PROFILE,
        wallets: ['pix'],
        pix_key: 'pix@loja.example',
      });
      expect(good.body.webhook_path).toMatch(new RegExp(`^/v1/providers/pix/${good.body.id}/webhook\\?secret=.{20,}`));
      const issued = emulator.tokensIssued;
      expect((await test(good.body.id)).body).toMatchObject({ ok: true });
      expect(emulator.tokensIssued).toBe(issued + 1);

      const bad = await addAccount('not-the-secret');
      const refused = await test(bad.body.id);
      expect(refused.body.ok).toBe(false);
      expect(refused.body.detail).toMatch(/refused the client credentials/);
    });

    it('keeps the client secret encrypted in the database', async () => {
      const rows = await t.gateway.db.knex('provider_accounts').where({ provider: PROFILE }).select('config');
      expect(rows.length).toBeGreaterThan(0);
      for (const { config } of rows) {
        expect(JSON.stringify(config)).not.toContain('panel-secret');
        expect(config).toMatchObject({ clientId: 'panel-client', sealed: expect.any(String) });
      }
    });

    it("charges a till's Pix orders at that bank once the account is associated to the till", async () => {
      const account = await addAccount('panel-secret');
      const association = await t.api.call('POST', `/v1/provider-accounts/${account.body.id}/associations`, {
        token: app,
        body: { wallet: 'pix', till_id: shop.tillId },
      });
      expect(association.body).toMatchObject({ wallet: 'pix', till_id: shop.tillId });
      const { access } = await tillTokens(t.api, shop);
      const wallets = await t.api.call<{ data: unknown[] }>('GET', '/v1/wallets', { token: access });
      expect(wallets.body.data).toEqual([expect.objectContaining({ wallet: 'pix', provider: PROFILE })]);

      const order = await createOrder(t.api, access, 'pix', 1234);
      expect(order.status).toBe(201);
      expect(order.body.provider).toBe(PROFILE);
      expect(emulator.ledger.getCob(order.body.id.slice('ord_'.length))).toMatchObject({ status: 'ATIVA' });
    });

    it('refuses a bank that demands a client certificate without one', async () => {
      const r = await t.api.call('POST', '/v1/provider-accounts', {
        token: app,
        body: { kind: 'pix', provider: 'santander', name: 'S', pix_key: 'k', client_id: 'c', client_secret: 's' },
      });
      expect(r.status).toBe(422);
      expect((r.body as { errors: unknown }).errors).toEqual([
        { field: 'certificate_pem', code: 'required', message: 'is required' },
      ]);
    });
  });
}
