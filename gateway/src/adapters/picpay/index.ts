import type { AdapterContext, ProviderCapabilities, ProviderDescriptor } from '../descriptor.js';
import { type PaymentAdapter, ProviderUnavailable, type RefundState } from '../types.js';
import { type PicPayAccount, picpayAccountSchema, readPicPayAccount, unfitForLive } from './account.js';
import { PicPayClient, type PicPayClientOptions } from './client.js';
import { simulatePayment } from './emulator-payer.js';
import {
  chargeOf,
  chargeStateOf,
  paymentRequest,
  readRefund,
  readStatus,
  refundedOf,
  refundRequest,
  type StatusAnswer,
} from './mapper.js';
import { readNotification } from './notifications.js';
import { PicPayRefusal } from './problems.js';

/** What PicPay's e-commerce API 3.0 documents (see README.md for what is assumed). */
export const capabilities: ProviderCapabilities = {
  partialRefunds: true,
  maxRefunds: null,
  refundWindowDays: null,
  minAmount: 1,
  maxAmount: null,
  maxExpiresInSeconds: 3600,
  deepLinks: true,
  captureStep: false,
  staticQr: false,
};

export const descriptor: ProviderDescriptor = {
  id: 'picpay',
  displayName: 'PicPay',
  wallets: ['picpay'],
  capabilities,
  account: picpayAccountSchema,
  unfitForLive,
  create: (context) => createPicPayAdapter(context),
};

export type PicPayOptions = AdapterContext & Pick<PicPayClientOptions, 'retries' | 'retryDelayMs'>;

/** PicPay's e-commerce payments API: `POST /payments`, its status, cancellations and refunds, callbacks re-read. */
export function createPicPayAdapter(options: PicPayOptions): PaymentAdapter {
  const client = new PicPayClient(options);
  const status = async (account: PicPayAccount, referenceId: string): Promise<StatusAnswer> =>
    readStatus(
      await client.call(account, {
        method: 'GET',
        path: `/payments/${encodeURIComponent(referenceId)}/status`,
        idempotent: true,
        referenceId,
      }),
    );
  // Cancelling twice ends where cancelling once does, so it is retried; an order already expired is cancelled.
  const cancel = async (account: PicPayAccount, referenceId: string): Promise<void> => {
    const path = `/payments/${encodeURIComponent(referenceId)}/cancellations`;
    try {
      await client.call(account, { method: 'POST', path, idempotent: true, referenceId });
    } catch (err) {
      if (!(err instanceof PicPayRefusal) || (await status(account, referenceId)).status !== 'expired') throw err;
    }
  };

  return {
    id: 'picpay',
    wallets: ['picpay'],

    async createCharge({ order, account }) {
      const picpay = readPicPayAccount(account);
      try {
        // Not retried: PicPay refuses a referenceId it has seen, and never shows a QR again after the answer.
        const answer = await client.call(picpay, {
          method: 'POST',
          path: '/payments',
          body: paymentRequest(order, picpay.buyerDocument),
          idempotent: false,
          referenceId: order.orderId,
        });
        return chargeOf(answer);
      } catch (err) {
        // Unless PicPay refused it, an order may exist there that ours will never show: cancel it.
        if (!(err instanceof PicPayRefusal))
          cancel(picpay, order.orderId).catch((e: unknown) =>
            options.log.warn({ err: e, order_id: order.orderId }, 'orphan PicPay order cancellation failed'),
          );
        throw err;
      }
    },

    async getCharge({ providerRef, account }) {
      return chargeStateOf(await status(readPicPayAccount(account), providerRef), options.clock.now());
    },

    async cancelCharge({ providerRef, account }) {
      await cancel(readPicPayAccount(account), providerRef);
    },

    async refund({ providerRef, paymentId, amount, account }): Promise<RefundState> {
      const picpay = readPicPayAccount(account);
      // PicPay takes no id of ours for a refund, so a lost answer is told apart by the refunded sum.
      const before = refundedOf(await status(picpay, providerRef));
      try {
        readRefund(
          await client.call(picpay, {
            method: 'POST',
            path: `/payments/${encodeURIComponent(providerRef)}/refunds`,
            body: refundRequest(paymentId, amount),
            idempotent: false,
            referenceId: providerRef,
          }),
        );
        return { status: 'succeeded' };
      } catch (err) {
        if (!(err instanceof ProviderUnavailable)) throw err;
        const after = await status(picpay, providerRef).catch(() => Promise.reject(err));
        if (refundedOf(after) >= before + amount) return { status: 'succeeded' };
        throw err;
      }
    },

    async parseNotification({ headers, rawBody, account }) {
      const picpay = readPicPayAccount(account);
      return readNotification({ headers, rawBody, account: picpay, now: options.clock.now() }, (referenceId) =>
        status(picpay, referenceId).catch((err: unknown) => (isUnknownOrder(err) ? undefined : Promise.reject(err))),
      );
    },

    async testConnection(account) {
      // A status read of an order that cannot exist: PicPay judges the token before looking the order up.
      const picpay = readPicPayAccount(account);
      await status(picpay, 'tillgate-connection-test').catch((err: unknown) =>
        err instanceof PicPayRefusal ? undefined : Promise.reject(err),
      );
    },

    async simulatePayment(input) {
      return simulatePayment(readPicPayAccount(input.account), input, options.timeoutMs);
    },
  };
}

const isUnknownOrder = (err: unknown): boolean => err instanceof PicPayRefusal && err.status === 404;
