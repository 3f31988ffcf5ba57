import type { Refund, RefundInitiator, RefundNature } from '@tillgate/sdk/protocol';
import { ProviderRejected } from '../../adapters/types.js';
import { refundRefusal } from '../../domain/capabilities.js';
import { decideRefund, settleRefund } from '../../domain/order-state.js';
import { lockOrder, orderState, updateOrder } from '../../store/orders.js';
import { findOrderWithAccount } from '../../store/provider-orders.js';
import {
  claimDueRefunds,
  findRefund,
  insertRefund,
  listRefunds,
  lockRefund,
  type RefundRecord,
  scheduleRetry,
  settleRefundRow,
} from '../../store/refunds.js';
import { findProviderAccount } from '../../store/wallets.js';
import { authorize } from '../accounts/permissions.js';
import { type Actor, canSee, idempotencyScope, type Principal } from '../accounts/principal.js';
import { commitWithEvents } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { IdempotentWrite } from '../idempotency.js';
import { recordAudit } from '../security/audit.js';
import { enforceCapabilities } from './capabilities.js';
import { eventFor } from './event-drafts.js';
import type { OrderService } from './orders.js';
import { refundView } from './presenters.js';

export interface CreateRefundInput {
  amount?: number | undefined;
  reason?: string | undefined;
}

/** How long a refund started in a request may wait before the retry worker takes it over. */
const REFUND_TAKEOVER_MS = 30_000;
/** First retry after a provider outage, doubling up to the cap. */
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 15 * 60_000;

/** What every new refund names: the order, and how much of which of its payments it returns. */
export type RefundOf = Pick<RefundRecord, 'orderId' | 'merchantId' | 'environment' | 'providerPaymentId' | 'amount'>;

/** Who started a new refund, and what follows from that. */
export type RefundOrigin =
  /** The gateway, for the merchant or of itself (a late payment's return): pending until the provider takes it. */
  | { startedBy: 'gateway'; reason: string | null; automatic: boolean }
  /** The provider, which reports a refund it already made (a MED devolução): settled as it is recorded. */
  | { startedBy: 'provider'; initiatedBy: RefundInitiator; natureza: RefundNature | null; providerRefundId: string };

/**
 * A new refund record, the one way to make one. The gateway's own is pending, and the retry worker takes it
 * over `REFUND_TAKEOVER_MS` after `now` unless the request that started it settles it first; one the provider
 * made is recorded succeeded.
 */
export function newRefund(deps: Pick<ServiceDeps, 'ids'>, now: Date, of: RefundOf, origin: RefundOrigin): RefundRecord {
  const fresh = { id: deps.ids('rfd'), ...of, failureReason: null, attempts: 0, createdAt: now };
  if (origin.startedBy === 'gateway') {
    return {
      ...fresh,
      reason: origin.reason,
      automatic: origin.automatic,
      initiatedBy: 'merchant',
      natureza: null,
      providerRefundId: null,
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + REFUND_TAKEOVER_MS),
      settledAt: null,
    };
  }
  return {
    ...fresh,
    reason: null,
    automatic: false,
    initiatedBy: origin.initiatedBy,
    natureza: origin.natureza,
    providerRefundId: origin.providerRefundId,
    status: 'succeeded',
    nextAttemptAt: null,
    settledAt: now,
  };
}

/**
 * Full and partial refunds. The amount is reserved on the order under its row lock, so concurrent
 * requests can never reserve more than was paid; the provider is called after the commit, and a
 * refund the provider could not take stays pending and is retried until it settles.
 */
export class RefundService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrderService,
  ) {}

  async create(
    principal: Principal,
    orderId: string,
    input: CreateRefundInput,
    idempotencyKey: string | undefined,
  ): Promise<{ refund: Refund; replayed: boolean }> {
    const actor = authorize(principal, 'refunds.create');
    const once = new IdempotentWrite(
      this.deps.knex,
      idempotencyScope(actor, `refunds.create:${orderId}`),
      idempotencyKey,
      input,
    );
    return once.run(
      (id) => this.replay(actor, id),
      async () => {
        const refund = await this.reserve(actor, orderId, input, once);
        return { refund: refundView(await this.drive(refund.id)), replayed: false };
      },
    );
  }

  /** Reserves the refund's amount on the order and records the refund, claiming the request's key, in one transaction. */
  private async reserve(
    actor: Actor,
    orderId: string,
    input: CreateRefundInput,
    once: IdempotentWrite,
  ): Promise<RefundRecord> {
    const key = { merchantId: actor.merchantId, environment: actor.environment };
    return commitWithEvents(this.deps, key, async (trx, events) => {
      const order = await lockOrder(trx, orderId);
      if (!order || !canSee(actor, order)) throw notFound('Order', orderId);
      const decision = decideRefund(orderState(order), input.amount);
      if (!decision.ok) {
        const code =
          order.status === 'approved' || order.status === 'partially_refunded'
            ? 'refund_exceeds_available'
            : 'order_not_refundable';
        throw new ApiError(
          code,
          `Order ${orderId}: ${decision.reason}`,
          input.amount === undefined ? undefined : [{ field: 'amount', message: decision.reason }],
        );
      }
      const now = this.deps.clock.now();
      const account = await findProviderAccount(trx, order.providerAccountId);
      const payment = order.payment;
      if (account && payment) {
        const refundsSoFar = (await listRefunds(trx, orderId)).filter((r) => r.status !== 'failed').length;
        enforceCapabilities(this.deps.adapters, account.adapter, (limits) =>
          refundRefusal(limits, {
            amount: decision.value.amount,
            paidAmount: payment.paid_amount,
            refundsSoFar,
            paidAt: new Date(payment.paid_at),
            now,
          }),
        );
      }
      const refund = newRefund(
        this.deps,
        now,
        { orderId, ...key, providerPaymentId: order.payment?.provider_payment_id ?? '', amount: decision.value.amount },
        { startedBy: 'gateway', reason: input.reason ?? null, automatic: false },
      );
      await once.claim(trx, refund.id, now);
      await insertRefund(trx, refund);
      await recordAudit(this.deps, trx, {
        ...key,
        actor,
        action: 'refund.created',
        target: { type: 'refund', id: refund.id },
        changes: {
          order_id: { before: null, after: orderId },
          amount: { before: null, after: refund.amount },
          ...(refund.reason ? { reason: { before: null, after: refund.reason } } : {}),
        },
      });
      const updated = await updateOrder(trx, orderId, { reservedAmount: decision.value.state.reservedAmount });
      events.push(eventFor(this.deps.ids, 'refund.created', updated, refund));
      return refund;
    });
  }

  private async replay(principal: Principal, refundId: string) {
    const refund = await findRefund(this.deps.knex, refundId);
    if (!refund) throw notFound('Refund', refundId);
    await this.orders.visibleRecord(principal, refund.orderId);
    return { refund: refundView(refund), replayed: true };
  }

  async list(principal: Principal, orderId: string): Promise<Refund[]> {
    const order = await this.orders.visibleRecord(principal, orderId);
    return (await listRefunds(this.deps.knex, order.id)).map(refundView);
  }

  /**
   * Asks the provider to return the money and settles the refund with its answer. Safe to run twice
   * (the provider is idempotent on our refund id, and settling happens once under the row lock).
   */
  async drive(refundId: string): Promise<RefundRecord> {
    const refund = await findRefund(this.deps.knex, refundId);
    if (!refund) throw notFound('Refund', refundId);
    if (refund.status !== 'pending') return refund;
    const found = await findOrderWithAccount(this.deps.knex, refund.orderId);
    if (!found) throw notFound('Order', refund.orderId);
    const { order, account } = found;
    try {
      const state = await this.deps.adapters.get(account.adapter).refund({
        providerRef: order.providerRef,
        paymentId: refund.providerPaymentId,
        refundId: refund.id,
        amount: refund.amount,
        account,
      });
      if (state.status === 'pending') return refund;
      return await this.settle(
        refund.id,
        state.status === 'succeeded',
        state.status === 'failed' ? state.reason : null,
      );
    } catch (err) {
      if (err instanceof ProviderRejected) return this.settle(refund.id, false, err.reason);
      const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** refund.attempts);
      await scheduleRetry(this.deps.knex, refund.id, new Date(this.deps.clock.now().getTime() + delay));
      this.deps.log.warn(
        { err, refund_id: refund.id, order_id: refund.orderId },
        'refund not taken by the provider; will retry',
      );
      return refund;
    }
  }

  /** Settles a pending refund once; a refund already settled is returned as it is. */
  async settle(refundId: string, succeeded: boolean, failureReason: string | null): Promise<RefundRecord> {
    const found = await findRefund(this.deps.knex, refundId);
    if (!found) throw notFound('Refund', refundId);
    const key = { merchantId: found.merchantId, environment: found.environment };
    return commitWithEvents(this.deps, key, async (trx, events) => {
      const order = await lockOrder(trx, found.orderId);
      const refund = await lockRefund(trx, refundId);
      if (!order || !refund || refund.status !== 'pending') return refund ?? found;
      const settled = await settleRefundRow(trx, refundId, {
        status: succeeded ? 'succeeded' : 'failed',
        failureReason: succeeded ? null : failureReason,
        settledAt: this.deps.clock.now(),
      });
      let current = order;
      if (!refund.automatic) {
        const next = settleRefund(orderState(order), refund.amount, succeeded);
        current = await updateOrder(trx, order.id, {
          status: next.status,
          refundedAmount: next.refundedAmount,
          reservedAmount: next.reservedAmount,
        });
      }
      events.push(eventFor(this.deps.ids, succeeded ? 'refund.succeeded' : 'refund.failed', current, settled));
      if (succeeded && !refund.automatic) {
        events.push(
          eventFor(
            this.deps.ids,
            current.status === 'refunded' ? 'order.refunded' : 'order.partially_refunded',
            current,
          ),
        );
      }
      return settled;
    });
  }

  /** Drives refunds whose provider call never completed (a crash, an outage); several instances share the work. */
  async retryDue(limit = 50): Promise<number> {
    const now = this.deps.clock.now();
    const lease = new Date(now.getTime() + REFUND_LEASE_MS);
    const due = await this.deps.knex.transaction((trx) => claimDueRefunds(trx, now, lease, limit));
    for (const refund of due) await this.drive(refund.id);
    return due.length;
  }
}

const REFUND_LEASE_MS = 60_000;
