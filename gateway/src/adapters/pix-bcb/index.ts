import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.js';
import type { ProviderDescriptor } from '../descriptor.js';
import type { ChargeState, PaymentAdapter, RefundState } from '../types.js';
import { type PixAccount, readPixAccount } from './account.js';
import { pixAccountFields, pixUnfitForLive, storePixAccount } from './account-fields.js';
import { PixApiClient } from './client.js';
import { simulatePayment } from './emulator-payer.js';
import { FixedLocations } from './fixed-location.js';
import {
  chargeOf,
  chargeStateOf,
  cobRequest,
  devolucaoIdOf,
  readCob,
  readDevolucao,
  refundRequest,
  refundStateOf,
  txidOf,
} from './mapper.js';
import { readNotification } from './notifications.js';
import { PspRefusal } from './problems.js';

export interface PixBcbOptions {
  log: Logger;
  clock: Clock;
  /** Deadline of each call to the PSP; default 10 s. */
  timeoutMs?: number;
  /** Further attempts of safe calls; default 2. */
  retries?: number;
  retryDelayMs?: number;
}

/** Banco Central's API Pix, spoken to the PSP named by the account's bank profile. */
export function createPixBcbAdapter(options: PixBcbOptions): PaymentAdapter {
  const client = new PixApiClient({
    log: options.log,
    clock: options.clock,
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 200,
  });
  const locations = new FixedLocations(client, options.log);
  const getCob = async (account: PixAccount, txid: string) =>
    readCob(await client.call(account, { method: 'GET', path: `/cob/${txid}`, idempotent: true }));
  const remove = (account: PixAccount, txid: string) =>
    client.call(account, {
      method: 'PATCH',
      path: `/cob/${txid}`,
      body: { status: 'REMOVIDA_PELO_USUARIO_RECEBEDOR' },
      idempotent: true,
    });

  return {
    id: 'pix-bcb',
    wallets: ['pix'],

    async createCharge({ order, account }) {
      const pix = readPixAccount(account);
      const txid = txidOf(order.orderId);
      try {
        if (order.fixedQr) return await locations.charge(pix, order, order.fixedQr);
        const answer = await client.call(pix, {
          method: 'PUT',
          path: `/cob/${txid}`,
          body: cobRequest(order, pix.config.pixKey),
          idempotent: true,
        });
        return chargeOf(readCob(answer), order.amount);
      } catch (err) {
        // Unless the PSP refused the request, a charge may exist there that no order will ever show.
        if (!(err instanceof PspRefusal))
          remove(pix, txid).catch((e: unknown) => options.log.warn({ err: e, txid }, 'orphan charge removal failed'));
        throw err;
      }
    },

    async getCharge({ providerRef, account }): Promise<ChargeState> {
      return chargeStateOf(await getCob(readPixAccount(account), providerRef));
    },

    async cancelCharge({ providerRef, account }) {
      await remove(readPixAccount(account), providerRef);
    },

    async refund({ paymentId, refundId, amount, account }): Promise<RefundState> {
      const pix = readPixAccount(account);
      const path = `/pix/${paymentId}/devolucao/${devolucaoIdOf(refundId)}`;
      try {
        const answer = await client.call(pix, { method: 'PUT', path, body: refundRequest(amount), idempotent: true });
        return refundStateOf(readDevolucao(answer));
      } catch (err) {
        // The spec refuses a devolução id used before: a retry of ours. Its answer is the one already there.
        if (!(err instanceof PspRefusal)) throw err;
        const existing = await client
          .call(pix, { method: 'GET', path, idempotent: true })
          .catch((readErr: unknown) => (readErr instanceof PspRefusal ? undefined : Promise.reject(readErr)));
        if (existing === undefined) throw err;
        return refundStateOf(readDevolucao(existing));
      }
    },

    async parseNotification({ headers, rawBody, account }) {
      const pix = readPixAccount(account);
      return readNotification({ headers, rawBody, account: pix }, (txid) =>
        getCob(pix, txid).catch((err: unknown) => (isUnknownCharge(err) ? undefined : Promise.reject(err))),
      );
    },

    async createFixedQr({ merchant, account }) {
      return locations.create(readPixAccount(account), merchant);
    },

    async unlinkFixedQr({ locationRef, account }) {
      await locations.unlink(readPixAccount(account), locationRef);
    },

    async testConnection(account) {
      await client.issueToken(readPixAccount(account));
    },

    async simulatePayment(input) {
      return simulatePayment(readPixAccount(input.account), input, options.timeoutMs ?? 10_000);
    },
  };
}

const isUnknownCharge = (err: unknown): boolean => err instanceof PspRefusal && err.status === 404;

/** Banco Central's API Pix at the banks of `profiles.ts`. */
export const descriptor: ProviderDescriptor = {
  id: 'pix-bcb',
  displayName: 'Pix (API Pix do Banco Central)',
  wallets: ['pix'],
  capabilities: {
    partialRefunds: true,
    maxRefunds: null,
    // A devolução may be asked for up to 90 days after the Pix (Banco Central's rules).
    refundWindowDays: 90,
    minAmount: 1,
    maxAmount: null,
    maxExpiresInSeconds: 3600,
    deepLinks: false,
    captureStep: false,
    // A fixed location (`POST /loc`) each new charge is linked to.
    staticQr: true,
  },
  account: pixAccountFields,
  unfitForLive: pixUnfitForLive,
  storeAccount: storePixAccount,
  create: ({ log, clock, timeoutMs }) => createPixBcbAdapter({ log, clock, timeoutMs }),
};
