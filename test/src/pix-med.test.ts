import type { DailyReport, Order, Refund, TillgateEvent } from '@tillgate/sdk/protocol';
import type { PixEmulator } from '@tillgate/simulator/emulators/pix';
import { describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import { type PixUnderTest, suitePixGateway, txidOf } from './support/providers.js';

/** Refunds the merchant did not start: the payer's bank takes a Pix back through the MED at the emulated PSP. */
for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`Pix MED devoluções on ${backend.name}`, () => {
    let t!: TestGateway, token!: string, p!: PixUnderTest, emulator!: PixEmulator;
    suitePixGateway(backend, (suite) => {
      ({ t, token, p, emulator } = suite);
    });

    const paidOrder = async (amount = 1000): Promise<Order> => {
      const o = (await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount })).body;
      await p.pay(o);
      await expect.poll(async () => (await t.api.order(token, o.id)).status).toBe('approved');
      return o;
    };
    const refundsOf = async (o: Order) =>
      (await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${o.id}/refunds`, { token })).body.data;
    const merchantRefund = (o: Order, amount: number) =>
      t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, { token, body: { amount } });
    const eventsOf = async (o: Order): Promise<TillgateEvent[]> =>
      (await t.api.events(token)).filter((e) => e.data.order.id === o.id);
    const monthTotals = async () => {
      const r = await t.api.call<DailyReport>('GET', '/v1/reports/daily?month=2026-06', {
        token: await t.api.appToken(),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.totals;
    };

    it('records a MED after a partial merchant refund: the order refunded, order.disputed, the daily totals', async () => {
      const before = await monthTotals();
      const o = await paidOrder(1000);
      expect((await merchantRefund(o, 300)).status).toBe(201);
      await expect.poll(async () => (await t.api.order(token, o.id)).status).toBe('partially_refunded');

      await emulator.med(txidOf(o), { natureza: 'MED_FRAUDE' });
      await expect.poll(async () => (await t.api.order(token, o.id)).status).toBe('refunded');
      const after = await t.api.order(token, o.id);
      expect(after.refunded_amount).toBe(1000);
      const refunds = await refundsOf(o);
      expect(refunds.map((r) => [r.amount, r.status, r.initiated_by, r.natureza])).toEqual([
        [300, 'succeeded', 'merchant', null],
        [700, 'succeeded', 'payer_bank', 'MED_FRAUDE'],
      ]);
      const rejected = await merchantRefund(o, 1);
      expect([rejected.status, (rejected.body as unknown as { code: string }).code]).toEqual([
        409,
        'order_not_refundable',
      ]);

      const types = (await eventsOf(o)).map((e) => e.type);
      expect(types.slice(-4)).toEqual(['order.disputed', 'refund.created', 'refund.succeeded', 'order.refunded']);
      const disputed = (await eventsOf(o)).find((e) => e.type === 'order.disputed');
      expect(disputed?.data).toMatchObject({
        order: { id: o.id, status: 'refunded', refunded_amount: 1000 },
        refund: { amount: 700, initiated_by: 'payer_bank', natureza: 'MED_FRAUDE' },
      });

      const totals = await monthTotals();
      expect(totals.gross - before.gross).toBe(1000);
      expect(totals.refunded - before.refunded).toBe(1000);
      expect(totals.net - before.net).toBe(0);
    });

    it('records a MED the reconciler finds and its repeated notifications once', async () => {
      const o = await paidOrder(1000);
      const reconcile = async () => {
        const record = await t.gateway.deps.orders.find(o.id);
        if (!record) throw new Error('order not stored');
        await t.gateway.deps.reconciler.reconcile(record);
      };
      emulator.setWebhookMode('never');
      const pix = await emulator.med(txidOf(o), { centavos: 400, natureza: 'MED_OPERACIONAL' });
      emulator.setWebhookMode('once');
      expect((await t.api.order(token, o.id)).status).toBe('approved');
      await reconcile();
      expect((await t.api.order(token, o.id)).refunded_amount).toBe(400);
      await Promise.all([reconcile(), reconcile(), emulator.webhooks.notify(p.linked.pixKey, [pix])]);
      await emulator.webhooks.notify(p.linked.pixKey, [pix]);
      expect((await refundsOf(o)).map((r) => [r.amount, r.initiated_by, r.natureza])).toEqual([
        [400, 'payer_bank', 'MED_OPERACIONAL'],
      ]);
      const after = await t.api.order(token, o.id);
      expect([after.status, after.refunded_amount]).toEqual(['partially_refunded', 400]);
      expect((await eventsOf(o)).filter((e) => e.type === 'order.disputed')).toHaveLength(1);
      const over = await merchantRefund(o, 601);
      expect([over.status, (over.body as unknown as { code: string }).code]).toEqual([409, 'refund_exceeds_available']);
    });

    it('lets exactly one of a MED and a merchant refund take what is left when both would exceed it', async () => {
      const o = await paidOrder(1000);
      const [med, merchant] = await Promise.allSettled([
        emulator.med(txidOf(o), { centavos: 700 }),
        merchantRefund(o, 700),
      ]);
      await expect
        .poll(async () => (await refundsOf(o)).every((r) => r.status !== 'pending') && (await refundsOf(o)).length > 0)
        .toBe(true);
      await expect.poll(async () => (await t.api.order(token, o.id)).refunded_amount).toBe(700);
      const refunds = await refundsOf(o);
      const won = refunds.filter((r) => r.status === 'succeeded');
      expect(won).toHaveLength(1);
      if (won[0]?.initiated_by === 'payer_bank') {
        expect(med.status).toBe('fulfilled');
        // The merchant's lost: refused outright, or reserved before the MED was known and refused by the PSP.
        const answer = merchant.status === 'fulfilled' ? merchant.value : undefined;
        expect(
          answer?.status === 409 || refunds.some((r) => r.initiated_by === 'merchant' && r.status === 'failed'),
        ).toBe(true);
      } else {
        expect(med.status).toBe('rejected');
      }
      const after = await t.api.order(token, o.id);
      expect([after.status, after.refunded_amount]).toEqual(['partially_refunded', 700]);
      expect((await merchantRefund(o, 301)).status).toBe(409);
    });

    // Last: it moves the clock past the MED window.
    it('re-reads an approved Pix order over the MED window, recording a MED whose notification was lost once', async () => {
      const o = await paidOrder(1000);
      const paidAt = Date.parse((await t.api.order(token, o.id)).paid_at as string);
      const nextRead = async () => {
        const row = await t.gateway.db.knex('orders').where({ id: o.id }).first('reconcile_at');
        return row?.reconcile_at ? new Date(row.reconcile_at).getTime() - paidAt : null;
      };
      const DAY = 86_400_000;
      // Approval starts the watch: the first re-read a day after the payment.
      expect(await nextRead()).toBe(DAY);

      emulator.setWebhookMode('never');
      try {
        await emulator.med(txidOf(o), { centavos: 250, natureza: 'MED_FRAUDE' });
      } finally {
        emulator.setWebhookMode('once');
      }
      expect((await t.api.order(token, o.id)).status).toBe('approved');

      // The worker (every 500 ms here) reads the charge when each step comes, then schedules the next.
      const steps = [1, 3, 7, 14, 30, 60, 91];
      /** The next read once this one is done; a read that failed (a PSP too slow on a busy machine) is tried again after its lease. */
      const settled = async () => {
        const at = await nextRead();
        if (at !== null && !steps.includes(at / DAY)) t.clock.advance(61_000);
        return at;
      };
      for (const [i, days] of steps.entries()) {
        t.clock.advance(paidAt + days * DAY + 1000 - t.clock.now().getTime());
        const next = steps[i + 1];
        await expect.poll(settled, { timeout: 30_000 }).toBe(next === undefined ? null : next * DAY);
        // Found at the first re-read.
        if (days === 1) expect((await t.api.order(await t.api.tillToken(0), o.id)).refunded_amount).toBe(250);
      }
      const fresh = await t.api.tillToken(0);
      const after = await t.api.order(fresh, o.id);
      expect([after.status, after.refunded_amount]).toEqual(['partially_refunded', 250]);
      const refunds = (await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${o.id}/refunds`, { token: fresh })).body
        .data;
      expect(refunds.map((r) => [r.amount, r.initiated_by, r.natureza])).toEqual([[250, 'payer_bank', 'MED_FRAUDE']]);
      const disputed = (await t.api.events(fresh)).filter(
        (e) => e.type === 'order.disputed' && e.data.order.id === o.id,
      );
      expect(disputed).toHaveLength(1);
    });
  });
}
