import type { Refund } from '@tillgate/sdk/protocol';
import { ORDER_SNAPSHOT, type OrderRecord, type OrderSnapshot } from '../../store/orders.js';
import type { RefundRecord } from '../../store/refunds.js';

/**
 * The wire form of an order without its client secret: what events store. Made from the store's snapshot map
 * (`ORDER_SNAPSHOT`), as the snapshots its statements build are, so the two cannot differ.
 */
export function orderSnapshot(o: OrderRecord): OrderSnapshot {
  const snapshot: Record<string, unknown> = {};
  for (const { key, field, time } of ORDER_SNAPSHOT) {
    const value = o[field];
    snapshot[key] = time ? ((value as Date | null)?.toISOString() ?? null) : value;
  }
  return snapshot as OrderSnapshot;
}

export function refundView(r: RefundRecord): Refund {
  return {
    id: r.id,
    order_id: r.orderId,
    amount: r.amount,
    reason: r.reason,
    status: r.status,
    failure_reason: r.failureReason,
    automatic: r.automatic,
    initiated_by: r.initiatedBy,
    natureza: r.natureza,
    created_at: r.createdAt.toISOString(),
    settled_at: r.settledAt?.toISOString() ?? null,
  };
}
