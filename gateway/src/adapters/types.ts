import type { Environment, OrderItem, RefundNature, Wallet } from '@tillgate/sdk/protocol';

/** The merchant's account at one provider, as registered in the panel. */
export interface ProviderAccount {
  id: string;
  merchantId: string;
  environment: Environment;
  adapter: string;
  provider: string;
  config: Record<string, unknown>;
}

/** What a provider is asked to charge; amounts in centavos. */
export interface ChargeRequest {
  orderId: string;
  orderRef: string;
  storeId: string;
  /** The till showing the QR (a wallet's point of sale, Mercado Pago's `external_pos_id`). */
  tillId: string;
  /** Where this account's provider must send its notifications: the gateway's one route per account. */
  notificationUrl: string;
  wallet: Wallet;
  amount: number;
  items: OrderItem[];
  expiresAt: Date;
  expiresInSeconds: number;
  description: string;
  /** The till's printed QR, when the till is static or hybrid and this provider can print one. */
  fixedQr?: FixedQrLink | undefined;
}

export interface Charge {
  providerRef: string;
  qrCodeText: string;
  deepLink: string | null;
  /**
   * The charge now linked to the till's printed QR, when the request asked for one: the order's own in
   * static mode, a second charge of the same order in hybrid mode (whose payments the adapter reports
   * under `providerRef`).
   */
  linkedRef?: string | undefined;
}

/** A till's printed QR at the provider: made once, it charges whatever the till's current order is. */
export interface FixedQr {
  /** The provider's id of the fixed location (API Pix `loc.id`). */
  locationRef: string;
  /** The code printed on the sticker. */
  qrCodeText: string;
}

/** What a charge must do with the till's printed QR: be its charge (static), or be paid by it too (hybrid). */
export interface FixedQrLink extends FixedQr {
  mode: 'static' | 'hybrid';
}

export interface ProviderPayment {
  providerPaymentId: string;
  amount: number;
  paidAt: Date;
  payer: { name?: string; document_masked?: string };
}

export type RefundState = { status: 'pending' } | { status: 'succeeded' } | { status: 'failed'; reason: string };

/**
 * What a provider tells of a refund of its own record, enough to record one the gateway never asked for (a
 * Pix devolução the payer's bank took through the MED).
 */
export interface ReturnedByProvider {
  /** The provider's id of the refund (the devolução id), unique per payment. */
  providerRefundId: string;
  /** The payment it returns money of. */
  paymentId: string;
  amount: number;
  natureza: RefundNature | null;
}

/** A refund a provider reports: `refundId` is the id it would have were it ours; `returned` when the provider told its details. */
export interface ProviderRefund {
  refundId: string;
  state: RefundState;
  returned?: ReturnedByProvider;
}

export type ChargeState =
  | { status: 'pending' }
  | { status: 'paid'; payments: ProviderPayment[]; refunds?: ProviderRefund[] }
  | { status: 'cancelled' };

/** A normalised provider notification, acted on only after the adapter verified it. */
export type ProviderEvent =
  | {
      kind: 'payment';
      providerRef: string;
      payment: ProviderPayment;
      /** The charge paid, when it is not `providerRef`'s: a hybrid till's order paid through its printed QR. */
      paidRef?: string;
    }
  | ({ kind: 'refund'; providerRef: string } & ProviderRefund);

/**
 * One provider protocol behind one interface. Adapters map every provider field, status and unit at
 * their edge; they throw the errors below and never return failures as values.
 */
export interface PaymentAdapter {
  readonly id: string;
  readonly wallets: readonly Wallet[];
  createCharge(input: { order: ChargeRequest; account: ProviderAccount; idempotencyKey: string }): Promise<Charge>;
  getCharge(input: { providerRef: string; account: ProviderAccount }): Promise<ChargeState>;
  cancelCharge(input: { providerRef: string; account: ProviderAccount }): Promise<void>;
  refund(input: {
    providerRef: string;
    paymentId: string;
    refundId: string;
    amount: number;
    account: ProviderAccount;
  }): Promise<RefundState>;
  parseNotification(input: {
    headers: Record<string, string>;
    rawBody: Buffer;
    account: ProviderAccount;
  }): Promise<ProviderEvent[]>;
  /**
   * A till's printed QR (descriptor capability `staticQr`): made once per till and account. `merchant`
   * names the store on the code (BR Code tags 59 and 60); `storeId` is the till's store (Mercado Pago's POS
   * is made under it).
   */
  createFixedQr?(input: {
    tillId: string;
    storeId: string;
    merchant: { name: string; city: string };
    account: ProviderAccount;
  }): Promise<FixedQr>;
  /** Unlinks whatever charge the printed QR charges now (a till switched back to dynamic). */
  unlinkFixedQr?(input: { locationRef: string; account: ProviderAccount }): Promise<void>;
  /** One real, harmless call with the account's credentials (Pix: an OAuth token); throws the errors below. */
  testConnection?(account: ProviderAccount): Promise<void>;
  /**
   * Test environment only: a payer pays the charge at the provider's own sandbox or emulator, whose
   * notification then reaches the gateway as a real one would. False when this account has none.
   */
  simulatePayment?(input: {
    providerRef: string;
    account: ProviderAccount;
    amount?: number | undefined;
    failRefunds?: boolean | undefined;
  }): Promise<boolean>;
}

/** The provider could not be reached or failed; the same call may succeed later. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

/** The provider refused the request for good; `reason` is the provider's own words. */
export class ProviderRejected extends Error {
  override readonly name = 'ProviderRejected';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export class ProviderAuthFailed extends Error {
  override readonly name = 'ProviderAuthFailed';
}

export { WALLET_DISPLAY_NAMES } from '@tillgate/sdk/protocol';
