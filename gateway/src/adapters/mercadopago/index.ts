import type { ProviderDescriptor } from '../descriptor.js';
import { type ChargeState, type PaymentAdapter, ProviderUnavailable, type RefundState } from '../types.js';
import { type MercadopagoAccount, mercadopagoAccount, readMercadopagoAccount } from './account.js';
import { MercadopagoClient } from './client.js';
import { simulatePayment } from './emulator-payer.js';
import {
  chargeOf,
  chargeStateOf,
  orderRequest,
  paymentNamed,
  readOrder,
  refundIn,
  refundRequest,
  refundStateOf,
} from './mapper.js';
import { readNotification } from './notifications.js';
import { PointsOfSale } from './pos.js';
import { MercadopagoRefusal } from './problems.js';

export { externalPosIdOf } from './mapper.js';

/**
 * One further attempt of a safe call (a read, a write under its idempotency key), soon after: a call
 * then takes about two deadlines at the most, so a till waiting on a create is not kept much longer.
 */
const RETRIES = 1;

/**
 * Mercado Pago's in-store QR, through the Orders API (`/v1/orders`, `type: "qr"`): what its public
 * reference says (see README.md for what is confirmed and what is assumed).
 */
export const descriptor: ProviderDescriptor = {
  id: 'mercadopago',
  displayName: 'Mercado Pago',
  wallets: ['mercadopago'],
  capabilities: {
    // Refund order: "a total or partial refund", several partials while their sum stays within the payment.
    partialRefunds: true,
    maxRefunds: null,
    // `in_store_payment_refund_order`: "within the 330 days period from the order creation date".
    refundWindowDays: 330,
    minAmount: 1,
    maxAmount: null,
    // `expiration_time` takes 30 s to 3600 h; an order of ours lives an hour at most.
    maxExpiresInSeconds: 3600,
    deepLinks: false,
    captureStep: false,
    // The till's POS (`POST /pos`) has a QR made with it; orders at that POS in `static` / `hybrid` mode are its.
    staticQr: true,
  },
  account: mercadopagoAccount,
  create: (ctx) => createMercadopagoAdapter(ctx),
};

function createMercadopagoAdapter(ctx: Parameters<ProviderDescriptor['create']>[0]): PaymentAdapter {
  const client = new MercadopagoClient({
    log: ctx.log,
    timeoutMs: ctx.timeoutMs,
    retries: RETRIES,
    retryDelayMs: Math.min(200, ctx.timeoutMs / 10),
  });
  const pointsOfSale = new PointsOfSale(client);
  const getOrder = async (account: MercadopagoAccount, id: string) =>
    readOrder(await client.call(account, { method: 'GET', path: `/v1/orders/${encodeURIComponent(id)}` }));

  return {
    id: descriptor.id,
    wallets: descriptor.wallets,

    async createCharge({ order, account, idempotencyKey }) {
      const mp = readMercadopagoAccount(account);
      const answer = await client.call(mp, {
        method: 'POST',
        path: '/v1/orders',
        body: orderRequest(order),
        // The gateway's key is the order id: a retried create answers the order the first one made.
        idempotencyKey,
      });
      return chargeOf(readOrder(answer), order.fixedQr);
    },

    async getCharge({ providerRef, account }): Promise<ChargeState> {
      return chargeStateOf(await getOrder(readMercadopagoAccount(account), providerRef));
    },

    async cancelCharge({ providerRef, account }) {
      const mp = readMercadopagoAccount(account);
      try {
        await client.call(mp, {
          method: 'POST',
          path: `/v1/orders/${encodeURIComponent(providerRef)}/cancel`,
          idempotencyKey: `cancel:${providerRef}`,
        });
      } catch (err) {
        // Only a `created` order cancels: one already expired or canceled is where we wanted it.
        if (err instanceof MercadopagoRefusal && err.status === 409) {
          const state = chargeStateOf(await getOrder(mp, providerRef));
          if (state.status === 'cancelled') return;
        }
        throw err;
      }
    },

    async refund({ providerRef, paymentId, refundId, amount, account }): Promise<RefundState> {
      const mp = readMercadopagoAccount(account);
      const payment = paymentNamed(await getOrder(mp, providerRef), paymentId);
      const body = refundRequest(payment, amount);
      const answer = readOrder(
        await client.call(mp, {
          method: 'POST',
          path: `/v1/orders/${encodeURIComponent(providerRef)}/refund`,
          ...(body === undefined ? {} : { body }),
          // Our refund id: the gateway may drive the same refund twice, Mercado Pago applies it once.
          idempotencyKey: refundId,
        }),
      );
      const refund = refundIn(answer, paymentId, refundId);
      if (!refund) throw new ProviderUnavailable(`Mercado Pago answered refund ${refundId} without it`);
      if (refundStateOf(refund).status !== 'pending') return refundStateOf(refund);
      // Still processing: its id is known now, the order tells how it went. A refund still processing is asked
      // again later by the gateway's retries, under the same key, which Mercado Pago answers with the same refund.
      const now = (await getOrder(mp, providerRef)).transactions?.refunds?.find((r) => r.id === refund.id);
      const state = refundStateOf(now ?? refund);
      if (state.status === 'pending')
        throw new ProviderUnavailable(`Mercado Pago refund ${refund.id} is still processing`);
      return state;
    },

    async parseNotification({ headers, rawBody, account }) {
      const mp = readMercadopagoAccount(account);
      return readNotification({ headers, rawBody, secret: mp.config.webhook_secret, clock: ctx.clock }, (orderId) =>
        getOrder(mp, orderId).catch((err: unknown) =>
          err instanceof MercadopagoRefusal && err.status === 404 ? undefined : Promise.reject(err),
        ),
      );
    },

    /**
     * The till's POS and its QR, found or made once (`GET /pos`, else `POST /pos` under the till's store). No
     * `unlinkFixedQr`: the API has no call that takes an order off its POS short of cancelling it, so a till
     * switched back to dynamic leaves its last static order payable through the sticker until it is paid or
     * expires (it is that till's own order, so such a payment is still right).
     */
    async createFixedQr({ tillId, storeId, merchant, account }) {
      return pointsOfSale.printedQr(readMercadopagoAccount(account), { tillId, storeId, storeName: merchant.name });
    },

    /** `GET /users/me`: reads the account the token belongs to and changes nothing. */
    async testConnection(account) {
      await client.call(readMercadopagoAccount(account), { method: 'GET', path: '/users/me' });
    },

    async simulatePayment(input) {
      return simulatePayment(readMercadopagoAccount(input.account), input, ctx.timeoutMs);
    },
  };
}
