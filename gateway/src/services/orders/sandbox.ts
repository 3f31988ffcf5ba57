import type { Order } from '@tillgate/sdk/protocol';
import { sandboxPayment } from '../../adapters/sandbox/index.js';
import { type Principal, requireActor } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { ChargeReconciler } from './charge-reconciler.js';
import type { OrderService } from './orders.js';
import type { PaymentService } from './payments.js';
import { providerProblem } from './provider-calls.js';

export interface SandboxPayInput {
  /** What the payer pays; the order's amount when absent. */
  amount?: number | undefined;
  /** How refunds of this payment end. */
  refund_outcome: 'succeed' | 'fail';
}

/**
 * The test environment's payer. An order whose provider has a sandbox or an emulator of its own is paid
 * there, and the provider's answer, read back at once, applies it as a notification would (a failed read back
 * leaves it to the reconciler); any other order's payment is recorded as the sandbox adapter would report it.
 */
export class SandboxService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
    private readonly reconciler: ChargeReconciler,
  ) {}

  async pay(principal: Principal, orderId: string, input: SandboxPayInput): Promise<Order> {
    const actor = requireActor(principal);
    if (actor.environment !== 'test')
      throw new ApiError('route_not_found', 'The sandbox exists only in the test environment');
    const { order, account } = await this.orders.visibleWithAccount(actor, orderId);
    const amount = input.amount ?? order.amount;
    const failRefunds = input.refund_outcome === 'fail';
    const paidThere = await this.deps.adapters
      .get(account.adapter)
      .simulatePayment?.({ providerRef: order.providerRef, account, amount, failRefunds })
      .catch(providerProblem);
    if (paidThere) {
      // The payer has paid: a re-read the provider fails now is the reconciler's to repeat, as after a lost
      // notification, so the order is answered as it stands (pending until then) rather than as a failed payment.
      await this.reconciler
        .reconcile(order)
        .catch((err: unknown) =>
          this.deps.log.warn({ err, order_id: order.id }, 'charge re-read after a sandbox payment failed; will retry'),
        );
      return this.orders.get(actor, order.id);
    }
    return this.payments.record(
      { merchantId: order.merchantId, environment: order.environment, orderId: order.id },
      sandboxPayment({ amount, paidAt: this.deps.clock.now(), failRefunds }),
      order,
    );
  }
}
