import type { Order, Refund, TillgateEvent } from '@tillgate/sdk/protocol';

/** One line of an order's history: what happened, when, and the amount it moved if any. */
export interface TimelineEntry {
  key: string;
  type: TillgateEvent['type'];
  at: string;
  amount?: number;
}

/**
 * The order's history. The panel subscribes to `order:<id>` with `after_seq: 0`, so the gateway replays
 * the order's own recorded events (filtered in SQL) and then the live ones; those are the truth. When
 * none came (events are kept 7 days), the history is told from the order and its refunds instead.
 */
export function timeline(order: Order, refunds: Refund[], events: TillgateEvent[]): TimelineEntry[] {
  if (events.length > 0)
    return events.map((e) => ({
      key: e.id,
      type: e.type,
      at: e.created_at,
      ...('refund' in e.data ? { amount: e.data.refund.amount } : {}),
    }));
  const entries: TimelineEntry[] = [{ key: 'created', type: 'order.created', at: order.created_at }];
  if (order.paid_at)
    entries.push({ key: 'paid', type: 'order.approved', at: order.paid_at, amount: order.payment?.paid_amount });
  if (order.status === 'expired') entries.push({ key: 'expired', type: 'order.expired', at: order.expires_at });
  for (const r of refunds) {
    entries.push({ key: `${r.id}-created`, type: 'refund.created', at: r.created_at, amount: r.amount });
    if (r.settled_at)
      entries.push({
        key: `${r.id}-settled`,
        type: r.status === 'failed' ? 'refund.failed' : 'refund.succeeded',
        at: r.settled_at,
        amount: r.amount,
      });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** What may still be refunded: the paid amount less what succeeded or is on its way back. */
export const refundable = (order: Order, refunds: Refund[]): number =>
  (order.payment?.paid_amount ?? order.amount) -
  refunds.filter((r) => r.status !== 'failed').reduce((sum, r) => sum + r.amount, 0);
