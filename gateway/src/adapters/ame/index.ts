import type { AdapterContext, ProviderCapabilities, ProviderDescriptor } from '../descriptor.js';
import type { ChargeState, PaymentAdapter, RefundState } from '../types.js';
import { type AmeAccount, ameAccountSchema, readAmeAccount } from './account.js';
import { AmeClient } from './client.js';
import { simulatePayment } from './emulator-payer.js';
import {
  type AmeOrder,
  chargeOf,
  eventsOf,
  isVoid,
  orderRequest,
  paymentOf,
  paymentsOf,
  readOrder,
  readRefund,
  refundRequest,
  refundStateOf,
} from './mapper.js';
import { callbackUrl, verifiedOrderId } from './notifications.js';
import { AmeRefusal } from './problems.js';

/** As Ame's docs describe it; what they leave open is assumed in README.md. */
export const AME_CAPABILITIES: ProviderCapabilities = {
  partialRefunds: true,
  maxRefunds: null,
  refundWindowDays: null,
  minAmount: 1,
  maxAmount: null,
  // Ame takes no expiry on an order: the gateway cancels it at Ame when the order expires.
  maxExpiresInSeconds: 3600,
  deepLinks: true,
  captureStep: true,
  staticQr: false,
};

export const descriptor: ProviderDescriptor = {
  id: 'ame',
  displayName: 'Ame Digital',
  wallets: ['ame'],
  capabilities: AME_CAPABILITIES,
  account: ameAccountSchema,
  unfitForLive: (config) =>
    config.base_url === undefined ? undefined : 'a live Ame account talks to Ame itself, not to another address',
  create: (context) => createAmeAdapter(context),
};

export interface AmeAdapterOptions extends AdapterContext {
  /** Further attempts of safe calls; default 2. */
  retries?: number;
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

/** Ame Digital's orders API, with its capture step done here so the gateway only ever sees captured payments. */
export function createAmeAdapter(options: AmeAdapterOptions): PaymentAdapter {
  const client = new AmeClient({
    log: options.log,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 200,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const capturing = new Map<string, Promise<void>>();

  const getOrder = async (account: AmeAccount, id: string): Promise<AmeOrder> =>
    readOrder(await client.call(account, { method: 'GET', path: `/orders/${id}`, idempotent: true }));

  /**
   * Captures one held payment. Notifications and the reconciler may ask at once: here they share one
   * request, and across gateway instances Ame captures once and refuses the rest, which is harmless
   * because the caller reads the order back either way.
   */
  const capture = (account: AmeAccount, paymentId: string): Promise<void> => {
    const key = `${account.id}:${paymentId}`;
    const running = capturing.get(key);
    if (running) return running;
    const path = `/wallet/user/payments/${paymentId}/capture`;
    const request = client
      .call(account, { method: 'PUT', path, idempotent: true })
      .then(
        () => options.log.info({ provider_account_id: account.id, payment_id: paymentId }, 'Ame payment captured'),
        (err: unknown) => {
          if (!(err instanceof AmeRefusal)) throw err;
          options.log.info({ provider_account_id: account.id, payment_id: paymentId }, 'Ame refused a capture');
        },
      )
      .finally(() => capturing.delete(key));
    capturing.set(key, request);
    return request;
  };

  /** The order as Ame holds it, its held payments captured first: nothing is reported paid uncaptured. */
  const settle = async (account: AmeAccount, id: string): Promise<AmeOrder> => {
    const order = await getOrder(account, id);
    const held = paymentsOf(order, 'capture');
    if (held.length === 0) return order;
    await Promise.all(held.map((t) => capture(account, t.id)));
    return getOrder(account, id);
  };

  return {
    id: 'ame',
    wallets: ['ame'],

    async createCharge({ order, account }) {
      const ame = readAmeAccount(account);
      const body = orderRequest(order, callbackUrl(order.notificationUrl, ame));
      // Ame takes no idempotency key: a create is sent once, and a lost answer leaves an order nobody shows.
      return chargeOf(readOrder(await client.call(ame, { method: 'POST', path: '/orders', body, idempotent: false })));
    },

    async getCharge({ providerRef, account }): Promise<ChargeState> {
      const order = await settle(readAmeAccount(account), providerRef);
      const paid = paymentsOf(order, 'paid');
      if (paid.length > 0) return { status: 'paid', payments: paid.map((t) => paymentOf(t, options.clock.now())) };
      return isVoid(order) ? { status: 'cancelled' } : { status: 'pending' };
    },

    /**
     * Unpaid, the order is deleted; held but never captured (a capture that kept failing until expiry),
     * its authorization is cancelled so the payer's balance goes back. A captured payment stays: the
     * gateway records it as late and refunds it.
     */
    async cancelCharge({ providerRef, account }) {
      const ame = readAmeAccount(account);
      const order = await getOrder(ame, providerRef).catch(unlessUnknown);
      if (!order) return;
      const held = paymentsOf(order, 'capture');
      for (const t of held)
        await client.call(ame, { method: 'PUT', path: `/wallet/user/payments/${t.id}/cancel`, idempotent: true });
      if (held.length === 0 && paymentsOf(order, 'paid').length === 0 && !isVoid(order))
        await client
          .call(ame, { method: 'DELETE', path: `/orders/${providerRef}`, idempotent: true })
          .catch(unlessUnknown);
    },

    async refund({ paymentId, refundId, amount, account }): Promise<RefundState> {
      const path = `/wallet/user/payments/${paymentId}/refunds/${refundId}`;
      // Our refund id names the refund: a repeat is answered with the refund already there.
      const answer = await client.call(readAmeAccount(account), {
        method: 'PUT',
        path,
        body: refundRequest(amount),
        idempotent: true,
      });
      return refundStateOf(readRefund(answer));
    },

    async parseNotification({ headers, rawBody, account }) {
      const ame = readAmeAccount(account);
      const orderId = verifiedOrderId({ headers, rawBody, account: ame });
      const order = await settle(ame, orderId).catch(unlessUnknown);
      return order ? eventsOf(order, options.clock.now()) : [];
    },

    async testConnection(account) {
      await client.issueToken(readAmeAccount(account));
    },

    async simulatePayment(input) {
      return simulatePayment(readAmeAccount(input.account), input, options.timeoutMs);
    },
  };
}

/** An order Ame does not know is none of ours to act on. */
function unlessUnknown(err: unknown): undefined {
  if (err instanceof AmeRefusal && err.status === 404) return undefined;
  throw err;
}
