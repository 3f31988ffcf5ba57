import type { ProviderCapabilities, ProviderDescriptor } from '../descriptor.js';
import { type ChargeState, type PaymentAdapter, ProviderUnavailable, type RefundState } from '../types.js';
import { type CieloAccount, cieloAccountSchema, readCieloAccount } from './account.js';
import { CieloClient } from './client.js';
import { simulatePayment } from './emulator-payer.js';
import {
  CIELO_STATUSES,
  chargeOf,
  chargeStateOf,
  merchantOrderIdOf,
  readSale,
  readVoid,
  refundStateOf,
  type Sale,
  saleRequest,
  voidQuery,
} from './mapper.js';
import { readNotification } from './notifications.js';
import { CieloRefusal } from './problems.js';

/** As Cielo's docs state them for a Pix sale of the E-commerce API (README, "Confirmed"). */
export const CIELOPAY_CAPABILITIES: ProviderCapabilities = {
  partialRefunds: true,
  // Partials until the paid amount is used up, as the Banco Central's devolução rules allow (assumed).
  maxRefunds: null,
  refundWindowDays: 90,
  minAmount: 1,
  maxAmount: null,
  maxExpiresInSeconds: 24 * 60 * 60,
  deepLinks: false,
  captureStep: false,
  staticQr: false,
};

/** Retries of reads and QR removals; a sale or a void is sent once. */
const RETRIES = 2;
const RETRY_DELAY_MS = 200;

export const descriptor: ProviderDescriptor = {
  id: 'cielopay',
  displayName: 'CieloPay (API E-commerce Cielo)',
  wallets: ['cielopay'],
  capabilities: CIELOPAY_CAPABILITIES,
  account: cieloAccountSchema,
  unfitForLive: (config) =>
    config.base_url === undefined ? undefined : 'base_url points at an emulator; a live account talks to Cielo',
  create: (ctx) => createCieloPayAdapter(ctx),
};

/** The CieloPay wallet through Cielo's E-commerce API 3.0: Pix QR sales, read on the query host. */
export function createCieloPayAdapter(ctx: Parameters<ProviderDescriptor['create']>[0]): PaymentAdapter {
  const client = new CieloClient({
    log: ctx.log,
    timeoutMs: ctx.timeoutMs,
    retries: RETRIES,
    retryDelayMs: RETRY_DELAY_MS,
  });
  const getSale = async (account: CieloAccount, paymentId: string): Promise<Sale> =>
    readSale(await client.call(account, saleRead(paymentId)));
  const findSale = (account: CieloAccount, paymentId: string): Promise<Sale | undefined> =>
    getSale(account, paymentId).catch((err: unknown) => (isUnknownSale(err) ? undefined : Promise.reject(err)));

  /** Removes an unpaid QR (`PUT /1/sales/{id}/void`, no amount); a sale already closed is left as it is. */
  const removeQr = async (account: CieloAccount, paymentId: string): Promise<void> => {
    try {
      await client.call(account, {
        method: 'PUT',
        host: 'transactional',
        path: `/1/sales/${encodeURIComponent(paymentId)}/void`,
        idempotent: true,
      });
    } catch (err) {
      if (!(err instanceof CieloRefusal)) throw err;
      const sale = await findSale(account, paymentId);
      if (!sale || CIELO_STATUSES[sale.Payment.Status].ours !== 'cancelled') throw err;
    }
  };

  /** After a create whose answer was lost, the sales Cielo may have opened for the order are removed. */
  const removeOrphans = async (account: CieloAccount, orderId: string): Promise<void> => {
    const path = `/1/sales?merchantOrderId=${merchantOrderIdOf(orderId)}`;
    const found = (await client.call(account, { method: 'GET', host: 'query', path, idempotent: true })) as {
      Payment?: Array<{ PaymentId?: unknown }>;
    };
    for (const p of found?.Payment ?? []) if (typeof p.PaymentId === 'string') await removeQr(account, p.PaymentId);
  };

  return {
    id: descriptor.id,
    wallets: descriptor.wallets,

    async createCharge({ order, account }) {
      const cielo = readCieloAccount(account);
      try {
        const answer = await client.call(cielo, {
          method: 'POST',
          host: 'transactional',
          path: '/1/sales/',
          body: saleRequest(order, cielo.pixProvider),
          idempotent: false,
        });
        const sale = readSale(answer);
        try {
          return chargeOf(sale, order.amount);
        } catch (err) {
          // A sale we will not show (no QR, a broken BR Code) must not stay payable at Cielo.
          await removeQr(cielo, sale.Payment.PaymentId).catch((e: unknown) =>
            ctx.log.warn({ err: e, provider_account_id: cielo.id }, 'removing a refused Cielo sale failed'),
          );
          throw err;
        }
      } catch (err) {
        // Only when the outcome is unknown (no answer, an unreadable one) may a sale exist that no order shows.
        // Cielo may still be opening it when our deadline passes, so the sweep waits one deadline more.
        if (err instanceof ProviderUnavailable)
          setTimeout(() => {
            removeOrphans(cielo, order.orderId).catch((e: unknown) =>
              ctx.log.warn({ err: e, order_id: order.orderId }, 'orphan Cielo sale removal failed'),
            );
          }, ctx.timeoutMs).unref();
        throw err;
      }
    },

    async getCharge({ providerRef, account }): Promise<ChargeState> {
      return chargeStateOf(await getSale(readCieloAccount(account), providerRef));
    },

    async cancelCharge({ providerRef, account }) {
      await removeQr(readCieloAccount(account), providerRef);
    },

    async refund({ providerRef, amount, account }): Promise<RefundState> {
      const cielo = readCieloAccount(account);
      const path = `/1/sales/${encodeURIComponent(providerRef)}/void?${voidQuery(amount)}`;
      const answer = await client.call(cielo, { method: 'PUT', host: 'transactional', path, idempotent: false });
      return refundStateOf(readVoid(answer));
    },

    async parseNotification({ headers, rawBody, account }) {
      const cielo = readCieloAccount(account);
      return readNotification({ headers, rawBody, account: cielo }, (id) => findSale(cielo, id), ctx.log);
    },

    /** A read of a sale that cannot exist: Cielo answers 404 to good credentials and 401 to bad ones. */
    async testConnection(account) {
      const cielo = readCieloAccount(account);
      await findSale(cielo, '00000000-0000-0000-0000-000000000000');
    },

    async simulatePayment(input) {
      return simulatePayment(readCieloAccount(input.account), input, ctx.timeoutMs);
    },
  };
}

const saleRead = (paymentId: string) =>
  ({ method: 'GET', host: 'query', path: `/1/sales/${encodeURIComponent(paymentId)}`, idempotent: true }) as const;

const isUnknownSale = (err: unknown): boolean => err instanceof CieloRefusal && err.status === 404;
