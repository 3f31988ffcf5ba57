import type { ChargeState } from '../adapters/types.js';
import type { OrderRecord } from '../store/orders.js';
import { claimOrdersToReconcile, scheduleReconcile } from '../store/provider-orders.js';
import type { ServiceDeps } from './deps.js';
import type { PaymentService } from './payments.js';
import { accountOf } from './provider-calls.js';
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
}

export const RECONCILE_TIMING: ReconcileTiming = {
  firstAfterMs: 20_000,
  everyMs: 30_000,
  beforeExpiryMs: 5_000,
  leaseMs: 60_000,
};

/**
 * Re-reads charges at their provider so a lost notification never leaves an order wrong for long:
 * pending orders periodically and just before expiry, closed ones once more after closing (a payment
 * in flight then is recorded as late and refunded). Refunds the provider still processes are re-read
 * by `RefundService.retryDue`, since the provider answers a repeated refund with its current state; a
 * refund the charge shows that the gateway never asked for (a Pix MED) is recorded once.
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

  /** Reads the order's charge at its provider and applies what it says. */
  async reconcile(order: OrderRecord): Promise<void> {
    const account = await accountOf(this.deps, order);
    const state = await this.deps.adapters.get(account.adapter).getCharge({ providerRef: order.providerRef, account });
    if (state.status === 'paid') {
      for (const payment of state.payments) {
        await this.payments.record(
          { merchantId: order.merchantId, environment: order.environment, orderId: order.id },
          payment,
        );
      }
      for (const refund of state.refunds ?? []) await applyProviderRefund(this.deps, this.refunds, order, refund);
    }
    await scheduleReconcile(this.deps.knex, order.id, this.nextRead(order, state));
  }

  private nextRead(order: OrderRecord, state: ChargeState): Date | null {
    if (order.status !== 'pending' || state.status !== 'pending') return null;
    const now = this.deps.clock.now().getTime();
    const next = now + this.timing.everyMs;
    const lastChance = order.expiresAt.getTime() - this.timing.beforeExpiryMs;
    return new Date(lastChance > now && lastChance < next ? lastChance : next);
  }
}
