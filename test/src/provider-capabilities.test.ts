import type { Order } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { fakeProvider } from './support/fake-provider/index.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

// Named after the wallet it takes, so it stands in for whatever adapter the wallet has.
const fake = fakeProvider({
  id: 'cielopay',
  wallets: ['cielopay'],
  capabilities: {
    partialRefunds: false,
    maxRefunds: 1,
    refundWindowDays: 30,
    minAmount: 500,
    maxAmount: 100_000,
    maxExpiresInSeconds: 600,
  },
});
const DAY_MS = 86_400_000;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`capabilities enforced before the provider on ${backend.name}`, () => {
    let t: TestGateway;
    let till: string;
    let app: string;
    suiteGateway(backend, { providers: [fake.descriptor] }, (s) => {
      t = s.t;
      till = s.token;
    });

    const ready = async () => {
      if (app) return;
      app = await t.api.appToken();
      const account = await t.api.call<{ id: string }>('POST', '/v1/provider-accounts', {
        token: app,
        body: { kind: 'wallet', provider: 'cielopay', name: 'Cielo', merchant_code: 'M1', api_token: 'tok' },
      });
      expect(account.status, JSON.stringify(account.body)).toBe(201);
      const tillId = t.demo.tills[0]?.id;
      const linked = await t.api.call('POST', `/v1/provider-accounts/${account.body.id}/associations`, {
        token: app,
        body: { wallet: 'cielopay', till_id: tillId },
      });
      expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    };
    const order = (body: Record<string, unknown>) =>
      t.api.call<Order>('POST', '/v1/orders', {
        token: till,
        body: { order_ref: `cap-${Math.random()}`, wallet: 'cielopay', amount: 1000, ...body },
      });
    const refusal = (r: { status: number; body: unknown }) => {
      const b = r.body as { code?: string; errors?: { field: string }[] };
      return [r.status, b.code, b.errors?.[0]?.field];
    };
    const paidOrder = async () => {
      const created = await order({ expires_in: 600 });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await t.api.pay(app, created.body.id)).status).toBe(200);
      return created.body.id;
    };
    const refund = (id: string, amount?: number) =>
      t.api.call('POST', `/v1/orders/${id}/refunds`, { token: app, body: amount === undefined ? {} : { amount } });

    it('refuses an amount outside the bounds and a longer wait, without a charge at the provider', async () => {
      await ready();
      const charges = fake.calls.createCharge;
      expect(refusal(await order({ amount: 499 }))).toEqual([422, 'amount_below_minimum', 'amount']);
      expect(refusal(await order({ amount: 100_001 }))).toEqual([422, 'amount_above_maximum', 'amount']);
      expect(refusal(await order({ expires_in: 601 }))).toEqual([422, 'validation_failed', 'expires_in']);
      expect(fake.calls.createCharge).toBe(charges);
      expect((await order({ amount: 500, expires_in: 600 })).status).toBe(201);
      expect(fake.calls.createCharge).toBe(charges + 1);
    });

    it('refuses a partial refund and one past the window, without a refund call', async () => {
      await ready();
      const id = await paidOrder();
      const refunds = fake.calls.refund;
      expect(refusal(await refund(id, 400))).toEqual([422, 'refund_not_supported', 'amount']);
      expect((await refund(id)).status).toBe(201);
      // Refunded in whole, the order takes no more (maxRefunds itself is held by domain/capabilities.test.ts).
      expect(refusal(await refund(id, 1))[1]).toBe('order_not_refundable');
      await expect.poll(() => fake.calls.refund, { timeout: 10_000 }).toBe(refunds + 1);

      const late = await paidOrder();
      t.clock.advance(31 * DAY_MS);
      app = await t.api.appToken();
      expect(refusal(await refund(late))).toEqual([422, 'refund_window_closed', 'amount']);
      expect(fake.calls.refund).toBe(refunds + 1);
    });
  });
}
