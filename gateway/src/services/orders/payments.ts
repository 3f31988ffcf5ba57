import type { Order } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { ProviderPayment } from '../../adapters/types.js';
import { decidePayment, type PaymentOutcome } from '../../domain/order-state.js';
import type { EventDraft } from '../../store/events.js';
import { findOrder, lockOrder, type OrderRecord, orderState, updateOrder } from '../../store/orders.js';
import {
  approveIfUnchanged,
  type PaymentRow,
  recordApprovingPayment,
  recordPaymentOnce,
} from '../../store/payments.js';
import { insertRefund } from '../../store/refunds.js';
import { commitWithEvents, publishCommitted } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { eventFor } from './event-drafts.js';
import type { OrderService } from './orders.js';
import { newRefund, type RefundService } from './refunds.js';

/** What else an approval settles in its own transaction: the payment link an order pays, if any. */
export interface ApprovalHook {
  orderApproved(trx: Knex.Transaction, order: OrderRecord, events: EventDraft[]): Promise<void>;
  /**
   * What `orderApproved` would write for `order` when all of it is on the order's own row (the next read of
   * its charge, or nothing), so the approval can be one statement; undefined when it needs the transaction.
   */
  onItsRow(order: OrderRecord): { reconcileAt?: Date | null } | undefined;
}

/**
 * Applies what a provider reports as paid. Exactly one payment approves an order; any other (after
 * expiry or cancellation, of the wrong amount, or a second one) is recorded as a late payment and
 * refunded automatically. A payment reported twice is applied once.
 */
export class PaymentService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrderService,
    private readonly refunds: RefundService,
    private readonly approval?: ApprovalHook,
  ) {}

  /**
   * Records `payment` of the order `ref` names. `seen`, the order as the caller last read it, lets the common
   * case (a payment that approves it) be one statement rather than a transaction of five round trips.
   */
  async record(
    ref: { merchantId: string; environment: 'test' | 'live'; orderId: string },
    payment: ProviderPayment,
    seen?: OrderRecord,
  ): Promise<Order> {
    const approved = seen && (await this.approveAsSeen(ref, payment, seen));
    if (approved) return this.orders.toWire(approved);
    const { merchantId, environment, orderId } = ref;
    const { order, refund } = await commitWithEvents(this.deps, { merchantId, environment }, async (trx, events) => {
      const order = await lockOrder(trx, orderId);
      if (!order || order.merchantId !== merchantId || order.environment !== environment)
        throw notFound('Order', orderId);
      const outcome = decidePayment(orderState(order), { amount: payment.amount, paidAt: payment.paidAt });
      const row = paymentRow(orderId, payment, outcome);
      const paid = paidOf(payment);
      if (outcome.kind === 'approve') {
        const approved = await recordApprovingPayment(trx, row, {
          status: outcome.state.status,
          paidAmount: outcome.state.paidAmount,
          payment: paid,
        });
        if (!approved) return { order, refund: undefined };
        events.push(eventFor(this.deps.ids, 'order.approved', approved));
        await this.approval?.orderApproved(trx, approved, events);
        return { order: approved, refund: undefined };
      }
      if (!(await recordPaymentOnce(trx, row))) return { order, refund: undefined };

      let current = order;
      if (outcome.state.status !== order.status) {
        current = await updateOrder(trx, orderId, { status: outcome.state.status });
        events.push(eventFor(this.deps.ids, 'order.expired', current));
      }
      const refund = newRefund(
        this.deps,
        this.deps.clock.now(),
        { orderId, merchantId, environment, providerPaymentId: payment.providerPaymentId, amount: payment.amount },
        { startedBy: 'gateway', reason: `late payment: ${outcome.reason}`, automatic: true },
      );
      await insertRefund(trx, refund);
      if (!current.latePayment) {
        current = await updateOrder(trx, orderId, {
          latePayment: { ...paid, reason: outcome.reason, refund_id: refund.id },
        });
      }
      events.push(eventFor(this.deps.ids, 'order.late_payment', current));
      events.push(eventFor(this.deps.ids, 'refund.created', current, refund));
      return { order: current, refund };
    });
    if (!refund) return this.orders.toWire(order);
    await this.refunds.drive(refund.id);
    return this.orders.toWire((await findOrder(this.deps.knex, orderId)) ?? order);
  }

  /**
   * The approval decided on `seen` and written only if the order's status is still the one seen (so the
   * decision stands: an order's amount and deadline never change), when the approval hook writes nothing
   * beyond the order's row. Undefined, with nothing written, when any of that does not hold; the
   * transaction then decides again under the row's lock.
   */
  private async approveAsSeen(
    ref: { merchantId: string; environment: 'test' | 'live'; orderId: string },
    payment: ProviderPayment,
    seen: OrderRecord,
  ): Promise<OrderRecord | undefined> {
    if (seen.id !== ref.orderId || seen.merchantId !== ref.merchantId || seen.environment !== ref.environment)
      return undefined;
    const outcome = decidePayment(orderState(seen), { amount: payment.amount, paidAt: payment.paidAt });
    if (outcome.kind !== 'approve') return undefined;
    const approval = { status: outcome.state.status, paidAmount: outcome.state.paidAmount, payment: paidOf(payment) };
    const onItsRow = this.approval ? this.approval.onItsRow({ ...seen, ...approval, paidAt: payment.paidAt }) : {};
    if (!onItsRow) return undefined;
    const now = this.deps.clock.now();
    const written = await approveIfUnchanged(
      this.deps.knex,
      paymentRow(ref.orderId, payment, outcome),
      seen.status,
      { ...approval, ...onItsRow },
      { id: this.deps.ids('evt'), now },
    );
    if (!written) return undefined;
    publishCommitted(this.deps, [written.event]);
    return written.order;
  }
}

function paymentRow(orderId: string, payment: ProviderPayment, outcome: PaymentOutcome): PaymentRow {
  return {
    orderId,
    providerPaymentId: payment.providerPaymentId,
    amount: payment.amount,
    paidAt: payment.paidAt,
    payer: payment.payer,
    applied: outcome.kind === 'approve',
    reason: outcome.kind === 'late' ? outcome.reason : null,
  };
}

/** The payment as the order shows it. */
const paidOf = (payment: ProviderPayment) => ({
  provider_payment_id: payment.providerPaymentId,
  paid_amount: payment.amount,
  paid_at: payment.paidAt.toISOString(),
  payer: payment.payer,
});
