import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  decideClose,
  decidePayment,
  decideRefund,
  decideTakenBack,
  EXPIRY,
  FINAL_STATUSES,
  type OrderState,
  REPLACEMENT,
  refundableAmount,
  settleRefund,
  statusesInto,
} from './order-state.js';

const DEADLINE = new Date('2026-01-01T13:00:00Z');

const pending = (amount: number): OrderState => ({
  status: 'pending',
  amount,
  expiresAt: DEADLINE,
  paidAmount: 0,
  refundedAmount: 0,
  reservedAmount: 0,
});

type Step =
  | { kind: 'pay'; amount: number; late: boolean }
  | { kind: 'close'; to: 'expired' | 'cancelled' }
  | { kind: 'refund'; amount: number | undefined }
  | { kind: 'settle'; index: number; succeeded: boolean }
  | { kind: 'takenBack'; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 5000 }), late: fc.boolean() }),
  fc.record({ kind: fc.constant('close' as const), to: fc.constantFrom('expired' as const, 'cancelled' as const) }),
  fc.record({
    kind: fc.constant('refund' as const),
    amount: fc.option(fc.integer({ min: -5, max: 6000 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('settle' as const), index: fc.nat(20), succeeded: fc.boolean() }),
);

/** Any step, a refund the payer's bank took (MED) too: it may overlap a reserve, so the reserve sum rule is not its. */
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  step,
  fc.record({ kind: fc.constant('takenBack' as const), amount: fc.integer({ min: -5, max: 6000 }) }),
);

/** Plays any sequence of provider and till actions through the rules, as the services do. */
function play(amount: number, steps: Step[]) {
  let state = pending(amount);
  const reserved: number[] = [];
  const history: OrderState[] = [state];
  for (const s of steps) {
    const before = state;
    if (s.kind === 'pay') {
      const at = new Date(DEADLINE.getTime() + (s.late ? 1 : -1));
      const outcome = decidePayment(state, { amount: s.amount, paidAt: at });
      if (outcome.kind === 'approve') state = outcome.state;
    } else if (s.kind === 'close') {
      const d = decideClose(state, s.to);
      if (d.ok) state = d.value;
    } else if (s.kind === 'refund') {
      const d = decideRefund(state, s.amount);
      if (d.ok) {
        state = d.value.state;
        reserved.push(d.value.amount);
      }
    } else if (s.kind === 'takenBack') {
      const d = decideTakenBack(state, s.amount);
      if (d.ok) state = d.value;
    } else if (reserved.length > 0) {
      const [amountToSettle] = reserved.splice(s.index % reserved.length, 1);
      state = settleRefund(state, amountToSettle as number, s.succeeded);
    }
    if (state.status !== before.status) expect(canTransition(before.status, state.status)).toBe(true);
    history.push(state);
  }
  return { history, reserved };
}

describe('order state machine', () => {
  it('moves only along the transition table, and never leaves a final state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.array(anyStep, { maxLength: 40 }), (amount, steps) => {
        const { history } = play(amount, steps);
        const firstFinal = history.findIndex((s) => FINAL_STATUSES.has(s.status));
        if (firstFinal >= 0)
          for (const s of history.slice(firstFinal)) expect(s.status).toBe(history[firstFinal]?.status);
      }),
    );
  });

  it('never refunds or reserves more than was paid, and only a paid order is refunded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.array(step, { maxLength: 40 }), (amount, steps) => {
        const { history, reserved } = play(amount, steps);
        for (const s of history) {
          expect(s.refundedAmount).toBeLessThanOrEqual(s.reservedAmount);
          expect(s.reservedAmount).toBeLessThanOrEqual(s.paidAmount);
          expect(refundableAmount(s)).toBeGreaterThanOrEqual(0);
          if (s.status === 'refunded') expect(s.refundedAmount).toBe(s.paidAmount);
          if (s.paidAmount > 0) expect(s.paidAmount).toBe(amount);
        }
        const last = history.at(-1) as OrderState;
        const stillReserved = reserved.reduce((a, b) => a + b, 0);
        expect(last.reservedAmount - last.refundedAmount).toBe(stillReserved);
      }),
    );
  });

  it('takes the bulk SQL transitions from the table: expiry and replacement take pending orders only', () => {
    expect(EXPIRY).toEqual({ from: ['pending'], to: 'expired' });
    expect(REPLACEMENT).toEqual({ from: ['pending'], to: 'cancelled' });
    expect(statusesInto('refunded')).toEqual(['approved', 'partially_refunded']);
    expect(statusesInto('pending')).toEqual([]);
  });

  it('closes a pending order into the status asked, and refuses to close any other', () => {
    for (const to of ['expired', 'cancelled'] as const) {
      expect(decideClose(pending(100), to)).toEqual({ ok: true, value: { ...pending(100), status: to } });
      for (const status of ['approved', 'partially_refunded', 'refunded', 'expired', 'cancelled'] as const)
        expect(decideClose({ ...pending(100), status }, to)).toEqual({ ok: false, reason: `order is ${status}` });
    }
  });

  it('says what a payment makes of the order: approved, expired when it comes past the deadline, else unchanged', () => {
    const order = pending(1990);
    const before = new Date(DEADLINE.getTime() - 1);
    expect(decidePayment(order, { amount: 1990, paidAt: before })).toEqual({
      kind: 'approve',
      state: { ...order, status: 'approved', paidAmount: 1990 },
    });
    expect(decidePayment(order, { amount: 1990, paidAt: DEADLINE })).toEqual({
      kind: 'late',
      reason: 'after_expiry',
      state: { ...order, status: 'expired' },
    });
    expect(decidePayment(order, { amount: 1, paidAt: before })).toMatchObject({ state: order });
    for (const status of ['expired', 'cancelled', 'approved', 'partially_refunded', 'refunded'] as const) {
      const closed = { ...order, status };
      expect(decidePayment(closed, { amount: 1990, paidAt: DEADLINE })).toMatchObject({ kind: 'late', state: closed });
    }
  });

  it('settles refunds into partially refunded, then refunded, and will not refund an unpaid order', () => {
    const paid: OrderState = { ...pending(1000), status: 'approved', paidAmount: 1000, reservedAmount: 1000 };
    const part = settleRefund(paid, 400, true);
    expect(part).toMatchObject({ status: 'partially_refunded', refundedAmount: 400 });
    expect(settleRefund(part, 600, true)).toMatchObject({ status: 'refunded', refundedAmount: 1000 });
    expect(settleRefund(paid, 400, false)).toMatchObject({ status: 'approved', reservedAmount: 600 });
    expect(() => settleRefund({ ...pending(1000), reservedAmount: 1000 }, 1000, true)).toThrow(
      'an order cannot go from pending to refunded',
    );
  });

  it('approves only the right amount before the deadline, once', () => {
    const order = pending(1990);
    expect(decidePayment(order, { amount: 1990, paidAt: new Date(DEADLINE.getTime() - 1) }).kind).toBe('approve');
    expect(decidePayment(order, { amount: 1990, paidAt: DEADLINE })).toMatchObject({
      kind: 'late',
      reason: 'after_expiry',
    });
    expect(decidePayment(order, { amount: 1989, paidAt: new Date(0) })).toMatchObject({
      kind: 'late',
      reason: 'amount_mismatch',
    });
    expect(decidePayment({ ...order, status: 'cancelled' }, { amount: 1990, paidAt: new Date(0) })).toMatchObject({
      kind: 'late',
      reason: 'after_cancel',
    });
    expect(decidePayment({ ...order, status: 'approved' }, { amount: 1990, paidAt: new Date(0) })).toMatchObject({
      kind: 'late',
      reason: 'duplicate',
    });
  });

  it('refunds everything left when no amount is given, and refuses past it', () => {
    const paid: OrderState = { ...pending(1990), status: 'approved', paidAmount: 1990 };
    const first = decideRefund(paid, 500);
    expect(first.ok && first.value.amount).toBe(500);
    const afterFirst = first.ok ? first.value.state : paid;
    const rest = decideRefund(afterFirst, undefined);
    expect(rest.ok && rest.value.amount).toBe(1490);
    expect(decideRefund(afterFirst, 1491).ok).toBe(false);
    expect(decideRefund(pending(100), 1).ok).toBe(false);
  });

  describe('a refund the payer’s bank took (MED)', () => {
    const paid: OrderState = { ...pending(1000), status: 'approved', paidAmount: 1000 };
    const value = <T>(d: { ok: true; value: T } | { ok: false; reason: string }): T => {
      if (!d.ok) throw new Error(d.reason);
      return d.value;
    };

    it('after a partial merchant refund, takes the rest and leaves nothing to refund', () => {
      const merchant = value(decideRefund(paid, 300));
      const settled = settleRefund(merchant.state, 300, true);
      const med = value(decideTakenBack(settled, 700));
      expect(med).toMatchObject({ status: 'refunded', refundedAmount: 1000, reservedAmount: 1000 });
      expect(decideRefund(med, 1).ok).toBe(false);
    });

    it('counts at once, so the merchant can refund only what it left', () => {
      const med = value(decideTakenBack(paid, 400));
      expect(med).toMatchObject({ status: 'partially_refunded', refundedAmount: 400, reservedAmount: 400 });
      expect(decideRefund(med, 601).ok).toBe(false);
      expect(value(decideRefund(med, undefined)).amount).toBe(600);
    });

    it('overlapping a pending merchant refund, leaves nothing refundable until that one fails', () => {
      const merchant = value(decideRefund(paid, 700));
      const med = value(decideTakenBack(merchant.state, 700));
      expect(med).toMatchObject({ refundedAmount: 700, reservedAmount: 1000 });
      expect(decideRefund(med, 1).ok).toBe(false);
      const failed = settleRefund(med, 700, false);
      expect(failed).toMatchObject({ status: 'partially_refunded', refundedAmount: 700, reservedAmount: 700 });
      expect(value(decideRefund(failed, undefined)).amount).toBe(300);
    });

    it('is refused on an unpaid order and past what was not yet refunded', () => {
      expect(decideTakenBack(pending(1000), 1).ok).toBe(false);
      expect(decideTakenBack(settleRefund(value(decideRefund(paid, 300)).state, 300, true), 701).ok).toBe(false);
      expect(decideTakenBack(paid, 0).ok).toBe(false);
    });
  });
});
