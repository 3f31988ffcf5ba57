import type { Order, Refund, Wallet } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './api.js';
import { backends, type Storage } from './backends.js';
import type { TestGateway } from './gateway.js';
import { type ProviderUnderTest, PSP_TIMEOUT_MS, startConformanceGateway } from './providers.js';

/** What settles off the caller's path (a notification, a worker) may take seconds on a loaded CI machine. */
const SETTLES = { timeout: 10_000 };

/** Makes the provider under test on a running conformance gateway, its account linked to the demo tills' wallet. */
export type ProviderFactory = (t: TestGateway, token: string) => Promise<ProviderUnderTest>;

/**
 * The cases every adapter passes against its provider (emulated), on every backend: create, read back,
 * pay, expire, cancel, refunds, repeated and lost notifications, and a provider down or slow. Call it
 * at the top level of a test file: `await conformanceSuite('picpay', picpayProvider, 'picpay')`.
 */
export async function conformanceSuite(name: string, provider: ProviderFactory, wallet: Wallet): Promise<void> {
  for (const backend of await backends()) {
    describe.skipIf(backend.unavailable)(`adapter conformance: ${name} on ${backend.name}`, () => {
      let storage: Storage;
      let t: TestGateway;
      let token: string;
      let p: ProviderUnderTest;

      beforeAll(async () => {
        storage = await backend.create();
        ({ t, token } = await startConformanceGateway(storage));
        p = await provider(t, token);
      });
      afterAll(async () => {
        await p?.close();
        await t?.close();
        await storage?.drop();
      });

      const create = async (body: Record<string, unknown> = {}): Promise<Order> => {
        const r = await t.api.createOrder(token, { order_ref: ref(), wallet, amount: 1990, ...body });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body;
      };
      const order = (o: Order) => t.api.order(token, o.id);
      const refund = (o: Order, amount?: number) =>
        t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, {
          token,
          body: amount === undefined ? {} : { amount },
        });
      const code = (r: { body: unknown }) => (r.body as { code?: string }).code;
      const paid = async () => {
        const o = await create();
        await p.pay(o);
        await expect.poll(async () => (await order(o)).status, SETTLES).toBe('approved');
        return o;
      };
      const reconcile = async (o: Order) => {
        const record = await t.gateway.deps.orders.find(o.id);
        if (!record) throw new Error(`order ${o.id} not stored`);
        await t.gateway.deps.reconciler.reconcile(record);
      };
      const removedAtProvider = async (o: Order) => {
        if (p.removedStatus) await expect.poll(() => p.chargeStatus(o), SETTLES).toBe(p.removedStatus);
      };
      const capabilities = () => t.gateway.deps.adapters.descriptor(p.adapter)?.capabilities;
      const skipped = (hook: keyof ProviderUnderTest) => (p[hook] ? undefined : `no ${hook} control`);

      it('create: a pending order with a QR to show, the charge held at the provider', async () => {
        const o = await create();
        expect([o.status, o.qr_code_text.length > 0]).toEqual(['pending', true]);
        if (!p.stateless) expect(p.chargeStatus(o)).toBeDefined();
      });

      it('read: the charge is read back from the provider as still pending', async () => {
        const o = await create();
        await reconcile(o);
        expect((await order(o)).status).toBe('pending');
      });

      it('pay: the payment approves the order', async () => {
        const approved = await order(await paid());
        expect(approved.payment?.paid_amount).toBe(1990);
        expect(approved.payment?.provider_payment_id).toBeTruthy();
      });

      it('expire: an unpaid order expires and its charge is removed at the provider', async () => {
        const o = await create({ expires_in: 60 });
        t.clock.advance(61_000);
        await expect.poll(async () => (await order(o)).status, SETTLES).toBe('expired');
        await removedAtProvider(o);
      });

      it('cancel: a cancelled order has its charge removed at the provider', async () => {
        const o = await create();
        const r = await t.api.call<Order>('POST', `/v1/orders/${o.id}/cancel`, { token });
        expect(r.body.status).toBe('cancelled');
        await removedAtProvider(o);
      });

      it('full refund: the whole payment comes back once', async () => {
        const o = await paid();
        expect((await refund(o)).status).toBe(201);
        await expect.poll(async () => (await order(o)).status, SETTLES).toBe('refunded');
        expect((await order(o)).refunded_amount).toBe(1990);
      });

      it('two partial refunds where the provider takes them, then an over-refund refused', async (ctx) => {
        const can = capabilities();
        if (can && (!can.partialRefunds || (can.maxRefunds !== null && can.maxRefunds < 3)))
          return ctx.skip(`${p.adapter} takes no two partial refunds and a third`);
        const o = await paid();
        expect((await refund(o, 500)).status).toBe(201);
        expect((await refund(o, 490)).status).toBe(201);
        await expect.poll(async () => (await order(o)).refunded_amount, SETTLES).toBe(990);
        expect((await order(o)).status).toBe('partially_refunded');
        const over = await refund(o, 1001);
        expect([over.status, code(over)]).toEqual([409, 'refund_exceeds_available']);
      });

      it('a repeated notification is applied once', async (ctx) => {
        if (!p.notify) return ctx.skip(skipped('notify'));
        p.notify('twice');
        const o = await paid().finally(() => p.notify?.('once'));
        const events = (await t.api.events(token)).filter((e) => 'order' in e.data && e.data.order.id === o.id);
        expect(events.map((e) => e.type)).toEqual(['order.created', 'order.approved']);
      });

      it('a lost notification: the reconciler reads the payment back from the provider', async (ctx) => {
        if (!p.notify) return ctx.skip(skipped('notify'));
        const o = await create();
        p.notify('drop');
        await p.pay(o).finally(() => p.notify?.('once'));
        expect((await order(o)).status).toBe('pending');
        await reconcile(o);
        expect((await order(o)).status).toBe('approved');
      });

      it('provider down then up: create fails cleanly, then works', async (ctx) => {
        if (!p.fail || !p.heal) return ctx.skip(skipped('fail'));
        const orderRef = ref('DOWN');
        p.fail({ status: 503 });
        const down = await t.api.createOrder(token, { order_ref: orderRef, wallet, amount: 1990 });
        p.heal();
        expect([down.status, code(down)]).toEqual([502, 'provider_unavailable']);
        const left = await t.api.call<{ data: Order[] }>('GET', `/v1/orders?q=${orderRef}`, { token });
        expect(left.body.data).toEqual([]);
        expect((await t.api.createOrder(token, { order_ref: orderRef, wallet, amount: 1990 })).status).toBe(201);
      });

      it('provider slow past the timeout: create fails within the deadlines', async (ctx) => {
        if (!p.fail || !p.heal) return ctx.skip(skipped('fail'));
        p.fail({ delayMs: PSP_TIMEOUT_MS + 200, createOnly: true });
        const started = performance.now();
        const slow = await t.api
          .createOrder(token, { order_ref: ref('SLOW'), wallet, amount: 1990 })
          .finally(() => p.heal?.());
        expect([slow.status, code(slow)]).toEqual([502, 'provider_unavailable']);
        expect(performance.now() - started).toBeLessThan(4 * PSP_TIMEOUT_MS);
      });
    });
  }
}
