import {
  type ProviderAccount,
  ProviderAuthFailed,
  type ProviderEvent,
  ProviderRejected,
} from '../../adapters/types.js';
import type { OrderRecord } from '../../store/orders.js';
import { findOrderByProviderRef } from '../../store/provider-orders.js';
import { printedQrChargesOf } from '../../store/till-fixed-qrs.js';
import { findProviderAccount } from '../../store/wallets.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { PaymentService } from './payments.js';
import { providerProblem, removeChargesAtProvider } from './provider-calls.js';
import { applyProviderRefund } from './provider-refunds.js';
import type { RefundService } from './refunds.js';

/**
 * Takes a provider's notification for one of our provider accounts: the adapter verifies it and reads
 * back what happened; payments are applied once (repeats are ignored, wrong amounts recorded and
 * refunded), refunds settled once, and refunds the gateway did not ask for (a Pix MED) recorded once. A charge that is not ours is logged and otherwise ignored.
 */
export class ProviderNotifications {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
  ) {}

  /** `adapter`, from the notification's path, must be the account's own: another adapter's path is a 404. */
  async receive(
    accountId: string,
    headers: Record<string, string>,
    rawBody: Buffer,
    adapter?: string,
  ): Promise<number> {
    const account = await findProviderAccount(this.deps.knex, accountId);
    if (!account || (adapter !== undefined && account.adapter !== adapter))
      throw notFound('Provider account', accountId);
    const events = await this.deps.adapters
      .get(account.adapter)
      .parseNotification({ headers, rawBody, account })
      .catch(notificationProblem);
    let applied = 0;
    for (const event of events) {
      const order = await findOrderByProviderRef(this.deps.knex, account.id, event.providerRef);
      if (!order) {
        this.deps.log.info(
          { provider_account_id: account.id, provider_ref: event.providerRef },
          'notification about a charge that is not ours; ignored',
        );
        continue;
      }
      if (await this.apply(order, event, account)) applied++;
    }
    return applied;
  }

  private async apply(order: OrderRecord, event: ProviderEvent, account: ProviderAccount): Promise<boolean> {
    if (event.kind === 'payment') {
      const ref = { merchantId: order.merchantId, environment: order.environment, orderId: order.id };
      const after = await this.payments.record(ref, event.payment, order);
      if (order.status === 'pending' && after.payment?.provider_payment_id === event.payment.providerPaymentId)
        await this.removeUnpaidTwin(order, event.paidRef ?? event.providerRef, account);
      return true;
    }
    return applyProviderRefund(this.deps, this.refunds, order, event);
  }

  /**
   * A hybrid till's order approved through one of its two charges (its own, or the printed QR's): the other
   * is removed at the provider, so it takes no second payment. Only providers that print a QR have twins.
   */
  private async removeUnpaidTwin(order: OrderRecord, paidRef: string, account: ProviderAccount): Promise<void> {
    if (this.deps.adapters.descriptor(account.adapter)?.capabilities.staticQr !== true) return;
    const second = (await printedQrChargesOf(this.deps.knex, [order.id])).get(order.id);
    if (second === undefined) return;
    removeChargesAtProvider(this.deps, account, [paidRef === second ? order.providerRef : second]);
  }
}

function notificationProblem(err: unknown): never {
  if (err instanceof ProviderAuthFailed) throw new ApiError('invalid_credentials', err.message);
  if (err instanceof ProviderRejected)
    throw new ApiError('validation_failed', err.reason, [{ field: '(body)', message: err.reason }]);
  return providerProblem(err);
}
