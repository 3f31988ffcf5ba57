import { DEMO_MERCHANT_ID, PIX_PROFILE_IDS, PIX_PROFILES } from '@tillgate/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { liveAppToken, type NewStore, openStore, tillTokens } from './support/management.js';
import { PanelSession } from './support/panel.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
/** Never contacted: every account below is refused before any call to its bank. */
const OVERRIDE = 'http://127.0.0.1:9';

const pixAccount = (provider: string, extra: Record<string, string> = {}) => ({
  kind: 'pix',
  provider,
  name: `Pix ${provider}`,
  pix_key: 'pix@loja.example',
  client_id: 'client',
  client_secret: 'secret',
  ...extra,
});

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`live provider accounts on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let live: string;
    let shop: NewStore;

    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage);
      live = await liveAppToken(t, 'accounts-live');
      shop = await openStore(t.api, live, 'Loja ao vivo');
    });
    afterAll(async () => {
      await t?.close();
      await storage?.drop();
    });

    const add = (token: string, body: unknown) =>
      t.api.call<{ id: string }>('POST', '/v1/provider-accounts', { token, body });
    const expectRefused = (r: { status: number; body: unknown }, field: string) => {
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    };

    it('refuses the sandbox for a live Pix account, from an app and from a panel user; test keeps it', async () => {
      expectRefused(await add(live, pixAccount('sandbox')), 'provider');
      const panel = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      await panel.call('POST', '/v1/panel/session/environment', { body: { environment: 'live' } });
      const r = await panel.call('POST', '/v1/provider-accounts', { body: pixAccount('sandbox') });
      expectRefused(r, 'provider');
      expect((await add(await t.api.appToken(), pixAccount('sandbox'))).status).toBe(201);
    });

    it('refuses a base_url override in live, even with a certificate; test keeps it for the emulator', async () => {
      const withOverride = pixAccount('bb', { base_url: OVERRIDE, certificate_pem: CERT, key_pem: KEY });
      expectRefused(await add(live, withOverride), 'base_url');
      expect((await add(await t.api.appToken(), pixAccount('bb', { base_url: OVERRIDE }))).status).toBe(201);
    });

    it.each(PIX_PROFILE_IDS)('demands the client certificate of %s in live', async (profile) => {
      expectRefused(await add(live, pixAccount(profile)), 'certificate_pem');
      const taken = await add(live, pixAccount(profile, { certificate_pem: CERT, key_pem: KEY }));
      expect(taken.status, JSON.stringify(taken.body)).toBe(201);
      // test demands it only of the banks that always do
      const inTest = await add(await t.api.appToken(), pixAccount(profile));
      expect(inTest.status).toBe(PIX_PROFILES[profile].mtls === 'always' ? 422 : 201);
    });

    it.each([
      ['the sandbox', { adapter: 'sandbox', provider: 'sandbox', config: { kind: 'pix', wallets: ['pix'] } }],
      [
        'a bank account with an override',
        {
          adapter: 'pix-bcb',
          provider: 'bb',
          config: { kind: 'pix', wallets: ['pix'], profile: 'bb', origin: OVERRIDE, hasCertificate: false },
        },
      ],
      [
        'a bank account without a certificate',
        {
          adapter: 'pix-bcb',
          provider: 'itau',
          config: { kind: 'pix', wallets: ['pix'], profile: 'itau', hasCertificate: false },
        },
      ],
    ])('never takes a live order through %s stored before the rule', async (_, account) => {
      const id = t.gateway.deps.ids('pac');
      await t.gateway.db.knex('provider_accounts').insert({
        id,
        merchant_id: DEMO_MERCHANT_ID,
        environment: 'live',
        name: 'Antiga',
        created_at: t.clock.now(),
        ...account,
        config: JSON.stringify(account.config),
      });
      await t.gateway.db.knex('wallet_associations').del().where({ store_id: shop.storeId, wallet: 'pix' });
      const associated = await t.api.call('POST', `/v1/provider-accounts/${id}/associations`, {
        token: live,
        body: { wallet: 'pix', store_id: shop.storeId },
      });
      expect(associated.status, JSON.stringify(associated.body)).toBe(201);
      const { access } = await tillTokens(t.api, shop);
      const r = await t.api.createOrder(access, { order_ref: ref('LIVE'), wallet: 'pix', amount: 1990 });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body).toMatchObject({ code: 'wallet_not_available', errors: [{ field: 'wallet' }] });
      const orders = await t.gateway.db
        .knex('orders')
        .where({ environment: 'live' })
        .count<{ count: string }[]>('* as count');
      expect(Number(orders[0]?.count)).toBe(0);
    });
  });
}
