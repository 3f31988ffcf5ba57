import type { LatePaymentReason, OrderStatus } from '@tillgate/sdk/protocol';

/** What the rules need to know about an order; the store keeps the rest. */
export interface OrderState {
  status: OrderStatus;
  amount: number;
  expiresAt: Date;
  /** What the applied payment brought in; 0 until approved. */
  paidAmount: number;
  /** Sum of succeeded refunds of the applied payment. */
  refundedAmount: number;
  /** Sum of pending and succeeded refunds: what is no longer available to refund. */
  reservedAmount: number;
}

export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['expired', 'cancelled', 'refunded']);

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['approved', 'expired', 'cancelled'],
  approved: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  expired: [],
  cancelled: [],
  refunded: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => NEXT[from].includes(to);

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Decision<T> => ({ ok: true, value });
const no = (reason: string): Decision<never> => ({ ok: false, reason });

/** A payment the provider reports: it either approves the order or is a late payment to return. */
export type PaymentOutcome = { kind: 'approve'; state: OrderState } | { kind: 'late'; reason: LatePaymentReason };

export function decidePayment(order: OrderState, payment: { amount: number; paidAt: Date }): PaymentOutcome {
  if (order.status === 'cancelled') return { kind: 'late', reason: 'after_cancel' };
  if (order.status !== 'pending') {
    return { kind: 'late', reason: order.status === 'expired' ? 'after_expiry' : 'duplicate' };
  }
  if (payment.paidAt.getTime() >= order.expiresAt.getTime()) return { kind: 'late', reason: 'after_expiry' };
  if (payment.amount !== order.amount) return { kind: 'late', reason: 'amount_mismatch' };
  return { kind: 'approve', state: { ...order, status: 'approved', paidAmount: payment.amount } };
}

/** Ends a pending order (expiry or cancellation); anything else is refused. */
export function decideClose(order: OrderState, to: 'expired' | 'cancelled'): Decision<OrderState> {
  if (order.status !== 'pending') return no(`order is ${order.status}`);
  return ok({ ...order, status: to });
}

export const refundableAmount = (order: OrderState): number => order.paidAmount - order.reservedAmount;

/** Reserves a refund; `requested` undefined means everything still refundable. */
export function decideRefund(
  order: OrderState,
  requested: number | undefined,
): Decision<{ amount: number; state: OrderState }> {
  if (order.status !== 'approved' && order.status !== 'partially_refunded') return no(`order is ${order.status}`);
  const available = refundableAmount(order);
  const amount = requested ?? available;
  if (available <= 0) return no('nothing left to refund');
  if (!Number.isSafeInteger(amount) || amount <= 0) return no('amount must be a positive integer');
  if (amount > available) return no(`only ${available} centavos can still be refunded`);
  return ok({ amount, state: { ...order, reservedAmount: order.reservedAmount + amount } });
}

/** A reserved refund settled at the provider. */
export function settleRefund(order: OrderState, amount: number, succeeded: boolean): OrderState {
  // Never below what was refunded: a refund the payer's bank took may already hold this one's reserve (`decideTakenBack`).
  if (!succeeded) return { ...order, reservedAmount: Math.max(order.refundedAmount, order.reservedAmount - amount) };
  const refundedAmount = order.refundedAmount + amount;
  return { ...order, refundedAmount, status: refundedAmount >= order.paidAmount ? 'refunded' : 'partially_refunded' };
}

/**
 * A refund the payer's bank already made (a Pix MED devolução): it is a fact, so it is not refused for what
 * merchant refunds reserved; it counts as refunded and reserved at once, which is what keeps the merchant's
 * later refunds within what was paid. The reserve never passes what was paid: a pending merchant refund it
 * overlaps can no longer pass at the provider (its sum rule), and when it fails it frees only what the MED
 * left (`settleRefund`). Refused only when it would return more than was paid and not yet refunded, which no
 * provider allows.
 */
export function decideTakenBack(order: OrderState, amount: number): Decision<OrderState> {
  if (order.status !== 'approved' && order.status !== 'partially_refunded') return no(`order is ${order.status}`);
  if (!Number.isSafeInteger(amount) || amount <= 0) return no('amount must be a positive integer');
  const notRefunded = order.paidAmount - order.refundedAmount;
  if (amount > notRefunded) return no(`only ${notRefunded} centavos were not refunded yet`);
  const refundedAmount = order.refundedAmount + amount;
  return ok({
    ...order,
    refundedAmount,
    reservedAmount: Math.min(order.paidAmount, order.reservedAmount + amount),
    status: refundedAmount >= order.paidAmount ? 'refunded' : 'partially_refunded',
  });
}
