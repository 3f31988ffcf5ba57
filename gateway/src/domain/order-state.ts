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

/** Where an order may go from each status: the only source of its status changes, in code and in SQL. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['approved', 'expired', 'cancelled'],
  approved: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  expired: [],
  cancelled: [],
  refunded: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => NEXT[from].includes(to);

/** The statuses an order may reach `to` from, in the table's order: what a bulk SQL update may change. */
export const statusesInto = (to: OrderStatus): readonly OrderStatus[] =>
  (Object.keys(NEXT) as OrderStatus[]).filter((from) => canTransition(from, to));

/**
 * A status change made in SQL, many orders at once (the expiry worker, a replaced order): the statuses it
 * takes orders from and the one it puts them in, both read off the transition table.
 */
export interface BulkTransition {
  from: readonly OrderStatus[];
  to: OrderStatus;
}

const bulk = (to: OrderStatus): BulkTransition => ({ from: statusesInto(to), to });

/** Expiry of orders past their deadline. */
export const EXPIRY: BulkTransition = bulk('expired');
/** The cancellation of a pending order a new one with its reference replaces. */
export const REPLACEMENT: BulkTransition = bulk('cancelled');

/**
 * The order in `status` with `changes`: staying in its status or moving along the table. Every decision
 * builds its next state here, so none can produce a move the table does not have; a refusal is the
 * caller's to give before, so reaching one is a bug.
 */
function moved(order: OrderState, status: OrderStatus, changes: Partial<OrderState> = {}): OrderState {
  if (status !== order.status && !canTransition(order.status, status))
    throw new Error(`an order cannot go from ${order.status} to ${status}`);
  return { ...order, ...changes, status };
}

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Decision<T> => ({ ok: true, value });
const no = (reason: string): Decision<never> => ({ ok: false, reason });

/**
 * A payment the provider reports: it either approves the order or is a late payment to return. `state`
 * is the order after it: approved, or for a late payment the order as it was, expired if it was pending
 * past its deadline (the payment proves the deadline passed before the expiry worker saw it).
 */
export type PaymentOutcome =
  | { kind: 'approve'; state: OrderState }
  | { kind: 'late'; reason: LatePaymentReason; state: OrderState };

export function decidePayment(order: OrderState, payment: { amount: number; paidAt: Date }): PaymentOutcome {
  const late = (reason: LatePaymentReason, state = order): PaymentOutcome => ({ kind: 'late', reason, state });
  if (!canTransition(order.status, 'approved')) {
    if (order.status === 'cancelled') return late('after_cancel');
    return late(order.status === 'expired' ? 'after_expiry' : 'duplicate');
  }
  if (payment.paidAt.getTime() >= order.expiresAt.getTime()) {
    const expired = decideClose(order, 'expired');
    return late('after_expiry', expired.ok ? expired.value : order);
  }
  if (payment.amount !== order.amount) return late('amount_mismatch');
  return { kind: 'approve', state: moved(order, 'approved', { paidAmount: payment.amount }) };
}

/** Ends a pending order (expiry or cancellation); anything else is refused. */
export function decideClose(order: OrderState, to: 'expired' | 'cancelled'): Decision<OrderState> {
  if (!canTransition(order.status, to)) return no(`order is ${order.status}`);
  return ok(moved(order, to));
}

export const refundableAmount = (order: OrderState): number => order.paidAmount - order.reservedAmount;

/** Whether the order is paid and not wholly refunded: whether a refund may still move it along the table. */
const refundable = (order: OrderState): boolean => canTransition(order.status, 'refunded');

/** Refunded in full once what was refunded reaches what was paid, in part before. */
const refundStatus = (order: OrderState, refundedAmount: number): OrderStatus =>
  refundedAmount >= order.paidAmount ? 'refunded' : 'partially_refunded';

/** Reserves a refund; `requested` undefined means everything still refundable. */
export function decideRefund(
  order: OrderState,
  requested: number | undefined,
): Decision<{ amount: number; state: OrderState }> {
  if (!refundable(order)) return no(`order is ${order.status}`);
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
  return moved(order, refundStatus(order, refundedAmount), { refundedAmount });
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
  if (!refundable(order)) return no(`order is ${order.status}`);
  if (!Number.isSafeInteger(amount) || amount <= 0) return no('amount must be a positive integer');
  const notRefunded = order.paidAmount - order.refundedAmount;
  if (amount > notRefunded) return no(`only ${notRefunded} centavos were not refunded yet`);
  const refundedAmount = order.refundedAmount + amount;
  return ok(
    moved(order, refundStatus(order, refundedAmount), {
      refundedAmount,
      reservedAmount: Math.min(order.paidAmount, order.reservedAmount + amount),
    }),
  );
}
