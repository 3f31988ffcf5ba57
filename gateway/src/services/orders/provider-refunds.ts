import type { ProviderRefund, ReturnedByProvider } from '../../adapters/types.js';
import { decideTakenBack } from '../../domain/order-state.js';
import { lockOrder, type OrderRecord, orderState, updateOrder } from '../../store/orders.js';
import { findRefund, findRefundByProviderId, insertRefund, type RefundRecord } from '../../store/refunds.js';
import { commitWithEvents } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { eventFor } from './event-drafts.js';
import { newRefund, type RefundService } from './refunds.js';

/**
 * Applies a refund a provider reports, from a notification or a re-read of the charge: one of ours is settled;
 * one the gateway never asked for (a Pix devolução the payer's bank took through the MED) is recorded once.
 * True when it changed something.
 */
export async function applyProviderRefund(
  deps: ServiceDeps,
  refunds: RefundService,
  order: OrderRecord,
  report: ProviderRefund,
): Promise<boolean> {
  if (report.state.status === 'pending') return false;
  const ours = await findRefund(deps.knex, report.refundId);
  if (ours) {
    if (ours.orderId !== order.id || ours.status !== 'pending') return false;
    const reason = report.state.status === 'failed' ? report.state.reason : null;
    await refunds.settle(ours.id, report.state.status === 'succeeded', reason);
    return true;
  }
  if (report.state.status !== 'succeeded' || !report.returned) return false;
  return (await recordReturned(deps, order, report.returned)) !== undefined;
}

/** MED natures: the payer's bank, not the merchant, took the money back. */
const byPayerBank = (returned: ReturnedByProvider): boolean => returned.natureza?.startsWith('MED_') ?? false;

/**
 * Records a refund the provider already made without the gateway asking, under the order's row lock and once
 * per provider refund id (a repeated notification, a re-read, a second instance find it recorded). It counts
 * as refunded at once, so merchant refunds can never exceed what was paid; a MED one also emits
 * `order.disputed`.
 */
async function recordReturned(
  deps: ServiceDeps,
  order: OrderRecord,
  returned: ReturnedByProvider,
): Promise<RefundRecord | undefined> {
  const orderId = order.id;
  const log = deps.log.child({ order_id: orderId, provider_refund_id: returned.providerRefundId });
  if (await findRefundByProviderId(deps.knex, returned.paymentId, returned.providerRefundId)) return undefined;
  const key = { merchantId: order.merchantId, environment: order.environment };
  return commitWithEvents(deps, key, async (trx, events) => {
    const locked = await lockOrder(trx, orderId);
    if (!locked) return undefined;
    if (await findRefundByProviderId(trx, returned.paymentId, returned.providerRefundId)) return undefined;
    if (locked.payment?.provider_payment_id !== returned.paymentId) {
      log.warn('a refund of a payment that did not pay the order; not recorded');
      return undefined;
    }
    const decision = decideTakenBack(orderState(locked), returned.amount);
    if (!decision.ok) {
      log.warn({ reason: decision.reason }, 'a refund the provider reports cannot apply to the order; not recorded');
      return undefined;
    }
    const refund = newRefund(
      deps,
      deps.clock.now(),
      {
        orderId,
        merchantId: locked.merchantId,
        environment: locked.environment,
        providerPaymentId: returned.paymentId,
        amount: returned.amount,
      },
      {
        startedBy: 'provider',
        initiatedBy: byPayerBank(returned) ? 'payer_bank' : 'merchant',
        natureza: returned.natureza,
        providerRefundId: returned.providerRefundId,
      },
    );
    await insertRefund(trx, refund);
    const next = decision.value;
    const updated = await updateOrder(trx, orderId, {
      status: next.status,
      refundedAmount: next.refundedAmount,
      reservedAmount: next.reservedAmount,
    });
    if (refund.initiatedBy === 'payer_bank') events.push(eventFor(deps.ids, 'order.disputed', updated, refund));
    events.push(eventFor(deps.ids, 'refund.created', updated, refund));
    events.push(eventFor(deps.ids, 'refund.succeeded', updated, refund));
    events.push(
      eventFor(deps.ids, updated.status === 'refunded' ? 'order.refunded' : 'order.partially_refunded', updated),
    );
    log.info({ natureza: refund.natureza, refund_id: refund.id }, 'refund the gateway did not start recorded');
    return refund;
  });
}
