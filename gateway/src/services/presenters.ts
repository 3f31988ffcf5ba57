import type { Order, Refund } from '@tillgate/sdk/protocol';
import type { OrderRecord } from '../store/orders.js';
import type { RefundRecord } from '../store/refunds.js';

export type OrderSnapshot = Omit<Order, 'client_secret'>;

/** The wire form of an order without its client secret: what events store. */
export function orderSnapshot(o: OrderRecord): OrderSnapshot {
  return {
    id: o.id,
    order_ref: o.orderRef,
    status: o.status,
    wallet: o.wallet,
    provider: o.provider,
    amount: o.amount,
    refunded_amount: o.refundedAmount,
    store_id: o.storeId,
    till_id: o.tillId,
    environment: o.environment,
    qr_code_text: o.qrCodeText,
    deep_link: o.deepLink,
    items: o.items,
    buyer: o.buyer,
    metadata: o.metadata,
    callback_url: o.callbackUrl,
    created_at: o.createdAt.toISOString(),
    expires_at: o.expiresAt.toISOString(),
    paid_at: o.paidAt?.toISOString() ?? null,
    payment: o.payment,
    late_payment: o.latePayment,
    cancel_reason: o.cancelReason,
  };
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
