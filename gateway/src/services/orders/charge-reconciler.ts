import type { Knex } from 'knex';
import type { ChargeState } from '../../adapters/types.js';
import { findOrder, type OrderRecord } from '../../store/orders.js';
import { claimOrdersToReconcile, scheduleReconcile } from '../../store/provider-orders.js';
import { printedQrChargesOf } from '../../store/till-fixed-qrs.js';
import type { ServiceDeps } from '../deps.js';
import type { ApprovalHook, PaymentService } from './payments.js';
import { accountOf, removeChargesAtProvider } from './provider-calls.js';
import { applyProviderRefund } from './provider-refunds.js';
import type { RefundService } from './refunds.js';

export interface ReconcileTiming {
  /** A new order's charge is first read this long after creation: its notification normally comes first. */
  firstAfterMs: number;
  /** Then every this long while pending, so a lost notification costs at most this much. */
  everyMs: number;
  /** And once this long before expiry, the last moment a payment can still approve the order. */
  beforeExpiryMs: number;
  /** A claimed order no instance finished reading is claimable again after this. */
  leaseMs: number;
  /**
   * An approved Pix order's charge is read again this long after its payment, at each step, so a MED
   * devolução whose notification was lost is recorded anyway; none after the last. Default `MED_READS_AFTER_MS`.
   */
  medReadsAfterMs?: readonly number[];
}

const DAY_MS = 86_400_000;

/**
 * A payer's bank may take a Pix back through the MED for about 90 days (the claim within 80, then the
 * analysis), and its notification may be lost like any other: seven reads per Pix sale watch that window,
 * closely while MEDs are most likely and sparsely after, the last just past it.
 */
export const MED_READS_AFTER_MS: readonly number[] = [1, 3, 7, 14, 30, 60, 91].map((days) => days * DAY_MS);

export const RECONCILE_TIMING: ReconcileTiming = {
  firstAfterMs: 20_000,
  everyMs: 30_000,
  beforeExpiryMs: 5_000,
  leaseMs: 60_000,
  medReadsAfterMs: MED_READS_AFTER_MS,
};

/** The orders a MED can reach: approved (or partly refunded) Pix sales. */
const watchesMed = (order: OrderRecord): boolean =>
  order.wallet === 'pix' && (order.status === 'approved' || order.status === 'partially_refunded');

/** The MED watch's next read of an order after `now`; null when the order needs none, or the watch is over. */
function nextMedRead(order: OrderRecord, now: number, timing: ReconcileTiming): Date | null {
  if (!watchesMed(order) || !order.paidAt) return null;
  const paidAt = order.paidAt.getTime();
  const step = (timing.medReadsAfterMs ?? MED_READS_AFTER_MS).find((after) => paidAt + after > now);
  return step === undefined ? null : new Date(paidAt + step);
}

/**
 * Re-reads charges at their provider so a lost notification never leaves an order wrong for long:
 * pending orders periodically and just before expiry, closed ones once more after closing (a payment
 * in flight then is recorded as late and refunded), approved Pix orders a few times over the MED window
 * (`MED_READS_AFTER_MS`, scheduled by `medWatchOnApproval` as the order is approved). A hybrid till's order
 * has its second charge (the printed QR's) read too, and once the order is over whichever of its charges
 * is still payable is removed. Refunds the provider still processes are re-read by `RefundService.retryDue`,
 * since the provider answers a repeated refund with its current state; a refund the charge shows that the
 * gateway never asked for (a Pix MED) is recorded once.
 */
export class ChargeReconciler {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    private readonly timing: ReconcileTiming = RECONCILE_TIMING,
  ) {}

  async reconcileDue(limit = 50): Promise<number> {
    const now = this.deps.clock.now();
    const lease = new Date(now.getTime() + this.timing.leaseMs);
    const due = await this.deps.knex.transaction((trx) =>
      claimOrdersToReconcile(trx, { now, firstAfterMs: this.timing.firstAfterMs, lease, limit }),
    );
    for (const order of due) {
      await this.reconcile(order).catch((err: unknown) =>
        this.deps.log.warn({ err, order_id: order.id }, 'charge re-read failed; will retry after the lease'),
      );
    }
    return due.length;
  }

  /** Reads the order's charges at their provider and applies what they say. */
  async reconcile(order: OrderRecord): Promise<void> {
    const account = await accountOf(this.deps, order);
    const adapter = this.deps.adapters.get(account.adapter);
    const second = (await printedQrChargesOf(this.deps.knex, [order.id])).get(order.id);
    const charges: { providerRef: string; state: ChargeState }[] = [];
    for (const providerRef of second === undefined ? [order.providerRef] : [order.providerRef, second]) {
      const state = await adapter.getCharge({ providerRef, account });
      charges.push({ providerRef, state });
      if (state.status !== 'paid') continue;
      for (const payment of state.payments) {
        await this.payments.record(
          { merchantId: order.merchantId, environment: order.environment, orderId: order.id },
          payment,
          order,
        );
      }
      for (const refund of state.refunds ?? []) await applyProviderRefund(this.deps, this.refunds, order, refund);
    }
    const paid = charges.some((c) => c.state.status === 'paid');
    const current = paid ? ((await findOrder(this.deps.knex, order.id)) ?? order) : order;
    if (second !== undefined && current.status !== 'pending') {
      const payable = charges.filter((c) => c.state.status === 'pending').map((c) => c.providerRef);
      if (payable.length > 0) removeChargesAtProvider(this.deps, account, payable);
    }
    await scheduleReconcile(
      this.deps.knex,
      order.id,
      this.nextRead(
        current,
        charges.map((c) => c.state),
      ),
    );
  }

  private nextRead(order: OrderRecord, states: ChargeState[]): Date | null {
    const now = this.deps.clock.now().getTime();
    if (order.status !== 'pending') return nextMedRead(order, now, this.timing);
    if (states.some((s) => s.status !== 'pending')) return null;
    const next = now + this.timing.everyMs;
    const lastChance = order.expiresAt.getTime() - this.timing.beforeExpiryMs;
    return new Date(lastChance > now && lastChance < next ? lastChance : next);
  }
}

/**
 * Starts the MED watch of an order as it is approved, in the approving transaction: an approved Pix order's
 * charge is read again at the watch's first step, and another order's is not read again.
 */
export function medWatchOnApproval(
  clock: ServiceDeps['clock'],
  timing: ReconcileTiming = RECONCILE_TIMING,
): ApprovalHook {
  const onItsRow = (order: OrderRecord) =>
    order.wallet === 'pix' ? { reconcileAt: nextMedRead(order, clock.now().getTime(), timing) } : {};
  return {
    async orderApproved(trx: Knex.Transaction, order: OrderRecord) {
      const { reconcileAt } = onItsRow(order);
      if (reconcileAt !== undefined) await scheduleReconcile(trx, order.id, reconcileAt);
    },
    onItsRow,
  };
}
