import type { ProviderDescription } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { fakeProvider } from './support/fake-provider/index.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

const fake = fakeProvider({ capabilities: { partialRefunds: false, maxRefunds: 1, minAmount: 500 } });

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`GET /v1/providers on ${backend.name}`, () => {
    let t: TestGateway;
    let token: string;
    // The one registration line a new provider needs.
    suiteGateway(backend, { providers: [fake.descriptor] }, (s) => {
      t = s.t;
      token = s.token;
    });

    const providers = async (): Promise<ProviderDescription[]> => {
      const r = await t.api.call<{ data: ProviderDescription[] }>('GET', '/v1/providers', { token });
      expect(r.status).toBe(200);
      return r.body.data;
    };

    it('describes a provider registered with one line: wallets, capabilities and typed account fields', async () => {
      const fakepay = (await providers()).find((p) => p.id === 'fakepay');
      expect(fakepay).toMatchObject({
        display_name: 'FakePay',
        wallets: ['picpay'],
        test_only: false,
        capabilities: { partial_refunds: false, max_refunds: 1, min_amount: 500, max_amount: null },
      });
      expect(fakepay?.account_fields).toEqual([
        {
          name: 'merchant_code',
          type: 'string',
          label: 'Código do lojista',
          help: 'Como a FakePay o chama',
          secret: false,
          required: true,
          required_in_live: false,
          test_only: false,
        },
        {
          name: 'api_token',
          type: 'string',
          label: 'Token da API',
          secret: true,
          required: true,
          required_in_live: false,
          test_only: false,
        },
        {
          name: 'region',
          type: 'enum',
          options: ['br', 'latam'],
          label: 'Região',
          secret: false,
          required: false,
          required_in_live: false,
          test_only: false,
        },
        {
          name: 'webhook_key_pem',
          type: 'pem',
          label: 'Chave pública (PEM)',
          secret: false,
          required: false,
          required_in_live: true,
          test_only: false,
        },
        {
          name: 'base_url',
          type: 'url',
          label: 'Emulador FakePay',
          secret: false,
          required: false,
          required_in_live: false,
          test_only: true,
        },
      ]);
    });

    it('describes the installed ones from their descriptors: the Pix banks as options, the sandbox as test-only', async () => {
      const all = await providers();
      const pix = all.find((p) => p.id === 'pix-bcb');
      const fields = Object.fromEntries((pix?.account_fields ?? []).map((f) => [f.name, f]));
      expect(fields.profile?.type).toBe('enum');
      expect(fields.profile?.options).toContain('itau');
      expect(fields.client_secret).toMatchObject({ type: 'string', secret: true, required: true });
      expect(fields.certificate_pem).toMatchObject({
        type: 'pem',
        secret: true,
        required: false,
        required_in_live: true,
        // The banks whose sandbox demands mTLS too (pix-bcb/profiles.ts), unless an emulator stands in.
        required_in_test_for: { field: 'profile', values: ['santander', 'bradesco', 'pagbank'], waived_by: 'base_url' },
      });
      expect(fields.key_pem?.required_in_test_for).toEqual(fields.certificate_pem?.required_in_test_for);
      expect(fields.emulator).toMatchObject({ type: 'boolean', test_only: true });
      const sandbox = all.find((p) => p.id === 'sandbox');
      expect([sandbox?.test_only, sandbox?.account_fields.map((f) => f.name)]).toEqual([
        true,
        ['pix_key', 'client_id', 'client_secret'],
      ]);
    });

    it('is for authenticated callers only', async () => {
      expect((await t.api.call('GET', '/v1/providers')).status).toBe(401);
    });
  });
}
