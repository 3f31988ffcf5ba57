import type { Order, Refund, TillgateEvent } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

/** A deterministic stream of amounts, so a failure replays the same race. */
function amounts(seed: number, count: number, max: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 1 + (x % max);
  });
}

const typesOf = (events: TillgateEvent[], orderId: string) =>
  events.filter((e) => e.data.order.id === orderId).map((e) => e.type);

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`races on ${backend.name}`, () => {
    let t!: TestGateway;
    let token!: string;
    suiteGateway(backend, {}, (suite) => {
      ({ t, token } = suite);
    });

    it('50 concurrent refunds never refund more than was paid', async () => {
      const paid = 10_000;
      const order = (await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: paid })).body;
      await t.api.pay(token, order.id);
      const requested = amounts(42, 50, 800);
      const answers = await Promise.all(
        requested.map((amount, i) =>
          t.api.call<Refund>('POST', `/v1/orders/${order.id}/refunds`, {
            token,
            body: { amount },
            headers: { 'idempotency-key': `${order.id}-${i}` },
          }),
        ),
      );
      const granted = answers.filter((a) => a.status === 201);
      const refusedAmounts = requested.filter((_, i) => answers[i]?.status !== 201);
      for (const r of answers.filter((a) => a.status !== 201))
        expect(r.body).toMatchObject({ status: 409, code: 'refund_exceeds_available' });
      const grantedSum = granted.reduce((sum, a) => sum + a.body.amount, 0);
      expect(grantedSum).toBeLessThanOrEqual(paid);
      expect(granted.every((a) => a.body.status === 'succeeded')).toBe(true);
      // A refused refund did not fit in what was left when it was decided, and even less fits now.
      for (const amount of refusedAmounts) expect(grantedSum + amount).toBeGreaterThan(paid);

      const after = await t.api.order(token, order.id);
      expect(after.refunded_amount).toBe(grantedSum);
      const stored = await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${order.id}/refunds`, { token });
      expect(stored.body.data.reduce((sum, r) => sum + r.amount, 0)).toBe(grantedSum);
      expect(stored.body.data).toHaveLength(granted.length);
    });

    it('a payment racing the expiry has exactly one outcome, and a losing payment is refunded', async () => {
      const orders: Order[] = [];
      for (let i = 0; i < 12; i++)
        orders.push(
          (await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 1234, expires_in: 60 })).body,
        );
      const deadline = new Date(orders[0]?.expires_at as string).getTime();
      t.clock.advance(60_001);
      // Each payment was made a millisecond before its deadline but reaches us while the expiry worker runs.
      await Promise.all(
        orders.map((o, i) =>
          t.gateway.deps.payments.record(
            { merchantId: 'mer_DEMO0000000000000000000000', environment: 'test', orderId: o.id },
            {
              providerPaymentId: `E${String(i).padStart(31, '0')}`,
              amount: 1234,
              paidAt: new Date(deadline - 1),
              payer: {},
            },
          ),
        ),
      );
      await expect
        .poll(async () =>
          (await Promise.all(orders.map((o) => t.api.order(token, o.id)))).every((o) => o.status !== 'pending'),
        )
        .toBe(true);
      const events = await t.api.events(token);
      for (const o of orders) {
        const now = await t.api.order(token, o.id);
        const types = typesOf(events, o.id);
        if (now.status === 'approved') {
          expect(types).toEqual(['order.created', 'order.approved']);
          expect(now.late_payment).toBeNull();
        } else {
          expect(now.status).toBe('expired');
          expect(types).toEqual([
            'order.created',
            'order.expired',
            'order.late_payment',
            'refund.created',
            'refund.succeeded',
          ]);
          expect(now.late_payment).toMatchObject({ reason: 'after_expiry', paid_amount: 1234 });
        }
      }
    });

    it('a payment racing a cancellation has exactly one outcome', async () => {
      const orders: Order[] = [];
      for (let i = 0; i < 12; i++)
        orders.push((await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 990 })).body);
      const outcomes = await Promise.all(
        orders.map(async (o) => {
          const [cancel, pay] = await Promise.all([
            t.api.call<Order>('POST', `/v1/orders/${o.id}/cancel`, { token }),
            t.api.pay(token, o.id),
          ]);
          return { o, cancel, pay };
        }),
      );
      const events = await t.api.events(token);
      for (const { o, cancel } of outcomes) {
        const now = await t.api.order(token, o.id);
        const types = typesOf(events, o.id);
        if (cancel.status === 200) {
          expect(now.status).toBe('cancelled');
          expect(now.late_payment).toMatchObject({ reason: 'after_cancel' });
          expect(types).toEqual([
            'order.created',
            'order.cancelled',
            'order.late_payment',
            'refund.created',
            'refund.succeeded',
          ]);
        } else {
          expect(cancel.status).toBe(409);
          expect(now.status).toBe('approved');
          expect(types).toEqual(['order.created', 'order.approved']);
        }
      }
    });

    it('concurrent creates with one order_ref leave exactly one pending order, the others replaced', async () => {
      const orderRef = ref('SAME');
      // Other creates at the same moment share their statements, which a twin's conflict fails and repeats.
      const [answers, beside] = await Promise.all([
        Promise.all(
          Array.from({ length: 10 }, () =>
            t.api.createOrder(token, { order_ref: orderRef, wallet: 'pix', amount: 250 }),
          ),
        ),
        Promise.all(
          Array.from({ length: 40 }, () => t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 260 })),
        ),
      ]);
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      const now = await Promise.all(answers.map((a) => t.api.order(token, a.body.id)));
      expect(now.filter((o) => o.status === 'pending')).toHaveLength(1);
      expect(now.filter((o) => o.status === 'cancelled' && o.cancel_reason === 'replaced')).toHaveLength(9);
      expect(beside.map((a) => a.status)).toEqual(Array(40).fill(201));
      const besideNow = await Promise.all(beside.map((a) => t.api.order(token, a.body.id)));
      expect(besideNow.map((o) => o.status)).toEqual(Array(40).fill('pending'));
    });

    it('creates made at once are written together, each with its own answer and one event in an unbroken seq', async () => {
      const retried = { order_ref: ref('GRP'), wallet: 'pix', amount: 990 };
      const retryKey = ref('KEY');
      const answers = await Promise.all([
        ...Array.from({ length: 30 }, (_, i) =>
          t.api.createOrder(token, { order_ref: ref('GRP'), wallet: 'pix', amount: 100 + i }, ref('KEY')),
        ),
        ...Array.from({ length: 4 }, () => t.api.createOrder(token, retried, retryKey)),
      ]);
      expect(answers.map((a) => a.status)).toEqual(Array(34).fill(201));
      expect(answers.slice(0, 30).map((a) => a.body.amount)).toEqual(Array.from({ length: 30 }, (_, i) => 100 + i));
      const retriedIds = new Set(answers.slice(30).map((a) => a.body.id));
      expect(retriedIds.size).toBe(1);
      const ids = new Set(answers.map((a) => a.body.id));
      expect(ids.size).toBe(31);

      const knex = t.gateway.db.knex;
      const channel = { merchant_id: 'mer_DEMO0000000000000000000000', environment: 'test' };
      const rows: { seq: string; type: string; order_id: string; tx: string }[] = (
        await knex.raw(
          `SELECT seq, type, order_id, xmin::text AS tx FROM events
            WHERE merchant_id = :merchant_id AND environment = :environment ORDER BY seq`,
          channel,
        )
      ).rows;
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
      const created = rows.filter((r) => r.type === 'order.created' && ids.has(r.order_id));
      expect(created.map((r) => r.order_id).sort()).toEqual([...ids].sort());
      // Grouped: some transaction wrote several of these creates.
      const perTransaction = new Map<string, number>();
      for (const r of created) perTransaction.set(r.tx, (perTransaction.get(r.tx) ?? 0) + 1);
      expect(Math.max(...perTransaction.values())).toBeGreaterThan(1);
    });

    it('a payment reported twice is applied once', async () => {
      const o = (await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 500 })).body;
      const payment = { providerPaymentId: 'E'.padEnd(32, '7'), amount: 500, paidAt: t.clock.now(), payer: {} };
      const key = { merchantId: 'mer_DEMO0000000000000000000000', environment: 'test' as const, orderId: o.id };
      await Promise.all([t.gateway.deps.payments.record(key, payment), t.gateway.deps.payments.record(key, payment)]);
      expect(typesOf(await t.api.events(token), o.id)).toEqual(['order.created', 'order.approved']);
    });
  });
}
