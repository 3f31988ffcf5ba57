import { randomBytes } from 'node:crypto';
import { encodeBRCode, MERCHANT_CITY_MAX, MERCHANT_NAME_MAX, normaliseMerchantText } from '@tillgate/sdk/pix';
import { WALLETS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import type { ProviderDescriptor } from '../descriptor.js';
import type { Charge, ChargeState, PaymentAdapter, ProviderAccount, ProviderPayment, RefundState } from '../types.js';

/** Payment ids the sandbox hands out for payments whose refunds must fail (`refund_outcome: "fail"`). */
const FAILING_REFUND_PREFIX = 'SBXFAIL';

/**
 * A payer paying in the sandbox, as a provider would report it. Its id is shaped as a Pix endToEndId (32
 * letters and digits) and tells this adapter, when the payment is refunded, whether the refund fails.
 */
export function sandboxPayment(p: { amount: number; paidAt: Date; failRefunds: boolean }): ProviderPayment {
  const prefix = p.failRefunds ? FAILING_REFUND_PREFIX : 'E';
  return {
    providerPaymentId: (prefix + randomBytes(24).toString('hex').toUpperCase()).slice(0, 32),
    amount: p.amount,
    paidAt: p.paidAt,
    payer: { name: 'Pagador Sandbox', document_masked: '***.456.789-**' },
  };
}

export interface SandboxOptions {
  /** Host and path prefix (no scheme) written as the dynamic BR Code's location; known once the gateway listens. */
  locationBase: () => string;
}

/**
 * The test environment's provider: instant and stateless. Charges are paid through the gateway's
 * `/v1/sandbox` endpoints, so there are no notifications to parse and a charge never reads as paid here.
 */
export function createSandboxAdapter(options: SandboxOptions): PaymentAdapter {
  return {
    id: 'sandbox',
    wallets: WALLETS,

    async createCharge({ order, account }): Promise<Charge> {
      const txid = order.orderId.slice(order.orderId.indexOf('_') + 1);
      const qrCodeText = encodeBRCode({
        kind: 'dynamic',
        usage: 'single-use',
        location: `${options.locationBase()}/cob/${txid}`,
        merchantName: normaliseMerchantText(merchantName(account), MERCHANT_NAME_MAX),
        merchantCity: normaliseMerchantText(String(account.config.city ?? 'SAO PAULO'), MERCHANT_CITY_MAX),
      });
      const deepLink = order.wallet === 'pix' ? null : `tillgate-sandbox://${order.wallet}/pay/${order.orderId}`;
      return { providerRef: `sbx_${txid}`, qrCodeText, deepLink };
    },

    async getCharge(): Promise<ChargeState> {
      return { status: 'pending' };
    },

    async cancelCharge(): Promise<void> {},

    async refund({ paymentId }): Promise<RefundState> {
      if (paymentId.startsWith(FAILING_REFUND_PREFIX))
        return { status: 'failed', reason: 'sandbox: refund refused by the payer bank' };
      return { status: 'succeeded' };
    },

    async parseNotification() {
      return [];
    },

    /** Nothing to reach: a sandbox account always works. */
    async testConnection(): Promise<void> {},
  };
}

const merchantName = (account: ProviderAccount): string => String(account.config.merchantName ?? 'TILLGATE SANDBOX');

/** Every wallet, imaginary money: the test environment's stand-in while a wallet has no adapter of its own. */
export const descriptor: ProviderDescriptor = {
  id: 'sandbox',
  displayName: 'Sandbox',
  wallets: WALLETS,
  testOnly: true,
  capabilities: {
    partialRefunds: true,
    maxRefunds: null,
    refundWindowDays: null,
    minAmount: 1,
    maxAmount: null,
    maxExpiresInSeconds: 3600,
    deepLinks: true,
    captureStep: false,
    staticQr: false,
  },
  // A Pix account of the sandbox names what a bank's would, checked against no bank; a wallet's names nothing.
  account: z.object({
    pix_key: z.string().min(1).max(77).meta({ label: 'Chave Pix' }),
    client_id: z.string().min(1).max(200).meta({ label: 'Client ID' }),
    client_secret: z.string().min(1).max(500).meta({ label: 'Client secret', secret: true }),
  }),
  unfitForLive: () => 'is the sandbox, which takes no live charges',
  create: ({ publicUrl }) =>
    createSandboxAdapter({ locationBase: () => `${new URL(publicUrl?.() || 'http://127.0.0.1').host}/v1/sandbox` }),
};
