import type { Order } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmeUnderTest, ameProvider } from './support/ame.js';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import { startConformanceGateway } from './support/providers.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`Ame's capture step through the gateway on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let token: string;
    let p: AmeUnderTest;

    beforeAll(async () => {
      storage = await backend.create();
      ({ t, token } = await startConformanceGateway(storage));
      p = await ameProvider(t);
    });
    afterAll(async () => {
      await p?.close();
      await t?.close();
      await storage?.drop();
    });

    const create = async (body: Record<string, unknown> = {}): Promise<Order> => {
      const r = await t.api.createOrder(token, { order_ref: ref(), wallet: 'ame', amount: 1990, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    /** Authorized at Ame, its callback lost: the payer's balance is held and nobody has been told. */
    const held = async (body: Record<string, unknown> = {}) => {
      const o = await create(body);
      const placed = p.ameOrder(o);
      if (!placed) throw new Error('no order at Ame');
      p.notify?.('drop');
      const payment = await p.emulator.pay(placed.id).finally(() => p.notify?.('once'));
      return { o, payment, callbackUrl: placed.attributes.transactionChangedCallbackUrl };
    };
    const callBack = (url: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('approves an order once, captured once, when two callbacks and the reconciler race', async () => {
      const { o, payment, callbackUrl } = await held();
      // Captures answer slowly, so all three read the payment AUTHORIZED before any capture lands.
      p.emulator.fail({ delayMs: 100, match: '^PUT .*/capture$' });
      const before = p.emulator.captures;
      const record = await t.gateway.deps.orders.find(o.id);
      if (!record) throw new Error('order not stored');
      const [first, second] = await Promise.all([
        callBack(callbackUrl, payment),
        callBack(callbackUrl, payment),
        t.gateway.deps.reconciler.reconcile(record),
      ]).finally(() => p.emulator.heal());
      expect([first.status, second.status]).toEqual([204, 204]);
      expect(p.emulator.captures - before).toBe(1);
      const approved = await t.api.order(token, o.id);
      expect([approved.status, approved.payment?.paid_amount, approved.payment?.provider_payment_id]).toEqual([
        'approved',
        1990,
        payment.id,
      ]);
      // Ame's own callback about the capture arrives too; nothing more happens.
      await expect
        .poll(() => p.emulator.deliveries.filter((d) => d.body.id === payment.id && d.body.status === 'SUCCESS').length)
        .toBeGreaterThan(0);
      const events = (await t.api.events(token)).filter((e) => 'order' in e.data && e.data.order.id === o.id);
      expect(events.map((e) => e.type)).toEqual(['order.created', 'order.approved']);
    });

    it('refuses a callback without the account secret, without asking Ame anything', async () => {
      const { o, payment, callbackUrl } = await held();
      const asked = p.emulator.received.length;
      const bare = new URL(callbackUrl);
      bare.searchParams.delete('secret');
      expect((await callBack(bare.toString(), payment)).status).toBe(401);
      bare.searchParams.set('secret', 'A'.repeat(32));
      expect((await callBack(bare.toString(), payment)).status).toBe(401);
      expect(p.emulator.received.length).toBe(asked);
      expect((await t.api.order(token, o.id)).status).toBe('pending');
      expect(p.emulator.ledger.getTransaction(payment.id).status).toBe('AUTHORIZED');
    });

    it('releases the payer’s balance when the order expires with its capture never through', async () => {
      p.emulator.fail({ status: 503, match: '^PUT .*/capture$' });
      const { o, payment, callbackUrl } = await held({ expires_in: 60 });
      expect((await callBack(callbackUrl, payment)).status).toBe(502);
      t.clock.advance(61_000);
      await expect.poll(async () => (await t.api.order(token, o.id)).status).toBe('expired');
      await expect.poll(() => p.emulator.ledger.getTransaction(payment.id).status).toBe('CANCELED');
      p.emulator.heal();
      expect(p.emulator.ledger.getTransaction(payment.id).status).toBe('CANCELED');
    });
  });
}
