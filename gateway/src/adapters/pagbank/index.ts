import type { ProviderDescriptor } from '../descriptor.js';
import type { ChargeState, PaymentAdapter, RefundState } from '../types.js';
import { type PagBankAccount, pagbankAccountSchema, readPagBankAccount, unfitForLive } from './account.js';
import { PagBankClient } from './client.js';
import {
  chargeOf,
  chargeStateOf,
  orderRequest,
  readCharge,
  readOrder,
  refundRequest,
  refundStateOf,
} from './mapper.js';
import { readNotification } from './notifications.js';
import { PagBankRefusal } from './problems.js';

/**
 * One further attempt of a safe call, after a short pause: a blip is absorbed, while a PagBank down or slow
 * still fails the caller within about twice the deadline (a till is waiting for its QR).
 */
const RETRIES = 1;
const retryDelayMs = (timeoutMs: number) => Math.min(200, Math.round(timeoutMs / 10));

/**
 * PagBank (PagSeguro) Orders API with QR codes the PagBank app pays ("Pagar com PagBank"). See README.md
 * for what is confirmed from PagBank's public docs and what is assumed.
 */
export const descriptor: ProviderDescriptor = {
  id: 'pagbank',
  displayName: 'PagBank',
  wallets: ['pagbank'],
  capabilities: {
    // "Cancelando um pagamento": a paid charge is given back whole or in part, as often as money is left...
    partialRefunds: true,
    maxRefunds: null,
    // ...within 90 days for Pix (350 for balance and cards: the shorter binds, a payment may be either).
    refundWindowDays: 90,
    // Amounts are integer centavos; PagBank documents no bounds for QR orders (assumed: none past one centavo).
    minAmount: 1,
    maxAmount: null,
    // A QR lives 24 h unless `expiration_date` says otherwise; our orders live an hour at most.
    maxExpiresInSeconds: 86_400,
    // No app link is documented for QR orders; PagBank captures them itself; one dynamic QR per order.
    deepLinks: false,
    captureStep: false,
    staticQr: false,
  },
  account: pagbankAccountSchema,
  unfitForLive,
  create(context) {
    return createPagBankAdapter(
      new PagBankClient({
        log: context.log,
        timeoutMs: context.timeoutMs,
        retries: RETRIES,
        retryDelayMs: retryDelayMs(context.timeoutMs),
      }),
    );
  },
};

export function createPagBankAdapter(client: PagBankClient): PaymentAdapter {
  const getOrder = async (account: PagBankAccount, orderId: string) =>
    readOrder(await client.call(account, { method: 'GET', path: `/orders/${encodeURIComponent(orderId)}` }));

  return {
    id: descriptor.id,
    wallets: descriptor.wallets,

    async createCharge({ order, account, idempotencyKey }) {
      const pagbank = readPagBankAccount(account);
      const answer = await client.call(pagbank, {
        method: 'POST',
        path: '/orders',
        body: orderRequest(order),
        idempotencyKey,
      });
      return chargeOf(readOrder(answer), order.amount);
    },

    async getCharge({ providerRef, account }): Promise<ChargeState> {
      return chargeStateOf(await getOrder(readPagBankAccount(account), providerRef));
    },

    /**
     * PagBank cannot withdraw an unpaid QR order: it lives until its `expiration_date`, which we set to the
     * order's own expiry. So there is nothing to call; a payment that still lands is a late payment the
     * gateway refunds. (Cancelling a charge is PagBank's refund, never a way to withdraw a QR.)
     */
    async cancelCharge({ account }) {
      readPagBankAccount(account);
    },

    async refund({ paymentId, refundId, amount, account }): Promise<RefundState> {
      const answer = await client.call(readPagBankAccount(account), {
        method: 'POST',
        path: `/charges/${encodeURIComponent(paymentId)}/cancel`,
        body: refundRequest(amount),
        // Our refund id: a retry of this refund is answered as the first try, never cancelled twice.
        idempotencyKey: refundId,
      });
      return refundStateOf(readCharge(answer));
    },

    async parseNotification({ headers, rawBody, account }) {
      const pagbank = readPagBankAccount(account);
      return readNotification({ headers, rawBody, token: pagbank.token }, (orderId) =>
        getOrder(pagbank, orderId).catch((err: unknown) => (isUnknown(err) ? undefined : Promise.reject(err))),
      );
    },

    /** A read that needs valid credentials and changes nothing: the account's card public key. */
    async testConnection(account) {
      await client.call(readPagBankAccount(account), { method: 'GET', path: '/public-keys/card' });
    },

    /** Test accounts on the Tillgate PagBank emulator only: its control endpoint plays the payer. */
    async simulatePayment({ providerRef, account, amount, failRefunds }) {
      const pagbank = readPagBankAccount(account);
      if (!pagbank.emulated || pagbank.environment !== 'test') return false;
      await client.call(pagbank, {
        method: 'POST',
        path: `/_emulator/orders/${encodeURIComponent(providerRef)}/pay`,
        body: { ...(amount === undefined ? {} : { amount }), ...(failRefunds ? { refunds: 'fail' } : {}) },
      });
      return true;
    },
  };
}

const isUnknown = (err: unknown): boolean => err instanceof PagBankRefusal && err.status === 404;
