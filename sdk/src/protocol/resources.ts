/** Wire shapes of the gateway's resources. Amounts are integer centavos; times are RFC 3339 UTC strings. */

export const WALLETS = ['pix', 'mercadopago', 'picpay', 'pagbank', 'ame', 'cielopay'] as const;
export type Wallet = (typeof WALLETS)[number];

/** How people call each wallet: brand names, the same in every language. */
export const WALLET_DISPLAY_NAMES: Record<Wallet, string> = {
  pix: 'Pix',
  mercadopago: 'Mercado Pago',
  picpay: 'PicPay',
  pagbank: 'PagBank',
  ame: 'Ame Digital',
  cielopay: 'Cielo Pay',
};

export const ENVIRONMENTS = ['test', 'live'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const ORDER_STATUSES = [
  'pending',
  'approved',
  'expired',
  'cancelled',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CANCEL_REASONS = ['requested', 'replaced'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface OrderItem {
  title: string;
  quantity: number;
  unit_amount: number;
  sku?: string;
}

export interface Buyer {
  name?: string;
  cpf_cnpj?: string;
  email?: string;
}

/** The body of `POST /v1/orders`, as the SDK sends it and the gateway's schema accepts it. */
export interface CreateOrderRequest {
  /** Your reference; a new order with the same one replaces the till's pending order (a regenerated QR). */
  order_ref: string;
  wallet: Wallet;
  /** Integer centavos: 1990 is R$ 19,90. */
  amount: number;
  /** Required with app credentials; a till uses its own. */
  till_id?: string;
  /** When given, their total must equal `amount`. */
  items?: OrderItem[];
  buyer?: Buyer;
  /** Seconds until the order expires, 60 to 3600; default 3600. */
  expires_in?: number;
  callback_url?: string;
  metadata?: Record<string, string>;
}

export interface Payer {
  name?: string;
  document_masked?: string;
}

export interface Payment {
  provider_payment_id: string;
  paid_amount: number;
  paid_at: string;
  payer: Payer;
}

/** Why a payment reported by the provider was not applied to its order; it is refunded automatically. */
export const LATE_PAYMENT_REASONS = ['after_expiry', 'after_cancel', 'amount_mismatch', 'duplicate'] as const;
export type LatePaymentReason = (typeof LATE_PAYMENT_REASONS)[number];

export interface LatePayment extends Payment {
  reason: LatePaymentReason;
  refund_id: string;
}

export interface Order {
  id: string;
  order_ref: string;
  status: OrderStatus;
  wallet: Wallet;
  provider: string;
  amount: number;
  refunded_amount: number;
  store_id: string;
  till_id: string;
  environment: Environment;
  qr_code_text: string;
  deep_link: string | null;
  client_secret: string;
  items: OrderItem[];
  buyer: Buyer | null;
  metadata: Record<string, string>;
  callback_url: string | null;
  created_at: string;
  expires_at: string;
  paid_at: string | null;
  payment: Payment | null;
  late_payment: LatePayment | null;
  cancel_reason: CancelReason | null;
}

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Who started a refund: the merchant (through the gateway) or the payer's bank, through the Pix MED. */
export const REFUND_INITIATORS = ['merchant', 'payer_bank'] as const;
export type RefundInitiator = (typeof REFUND_INITIATORS)[number];

/**
 * The API Pix nature of a devolução: `ORIGINAL` and `RETIRADA` are the receiver's own; `MED_OPERACIONAL`
 * (an operational failure), `MED_FRAUDE` (a founded suspicion of fraud) and `MED_PIX_AUTOMATICO` are the
 * payer's bank taking the money back through the MED (Mecanismo Especial de Devolução).
 */
export const REFUND_NATURES = ['ORIGINAL', 'RETIRADA', 'MED_OPERACIONAL', 'MED_FRAUDE', 'MED_PIX_AUTOMATICO'] as const;
export type RefundNature = (typeof REFUND_NATURES)[number];

export interface Refund {
  id: string;
  order_id: string;
  amount: number;
  reason: string | null;
  status: RefundStatus;
  failure_reason: string | null;
  /** True when the gateway started it to return a payment the order could not accept. */
  automatic: boolean;
  /** `payer_bank`: the payer's bank took the money back (a Pix MED); the merchant did not ask for it. */
  initiated_by: RefundInitiator;
  /** The Pix devolução's nature when the provider told it, e.g. `MED_FRAUDE`; null otherwise. */
  natureza: RefundNature | null;
  created_at: string;
  settled_at: string | null;
}

export interface WalletOption {
  wallet: Wallet;
  display_name: string;
  logo_url: string;
  provider: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  status: 'active' | 'disabled';
  created_at: string;
  /** Present only in the answer that created the endpoint. */
  secret?: string;
}

export interface WebhookAttemptView {
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhookDeliveryView {
  id: string;
  endpoint_id: string | null;
  url: string;
  event_id: string;
  event_seq: number;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  attempt_log?: WebhookAttemptView[];
}

export interface Store {
  id: string;
  name: string;
  /** 14 characters, without the mask. */
  cnpj: string | null;
  address: string | null;
  phone: string | null;
  active: boolean;
  /** Where blind copies of payment links go when the creator asks for the store manager's. */
  manager_email: string | null;
  /** Payment links of this store must carry an order reference. */
  order_ref_required: boolean;
  created_at: string;
}

export const TILL_CATEGORIES = ['physical', 'ecommerce'] as const;
export type TillCategory = (typeof TILL_CATEGORIES)[number];

/**
 * How a till shows Pix and wallet codes: `dynamic`, each order's own QR on a screen; `static`, one printed
 * QR that always charges the till's current order; `hybrid`, the order's own QR and the printed one both pay.
 */
export const TILL_QR_MODES = ['dynamic', 'static', 'hybrid'] as const;
export type TillQrMode = (typeof TILL_QR_MODES)[number];

export interface Till {
  id: string;
  store_id: string;
  /** Generated by the gateway; a till signs in with it and its store's access key and secret. */
  client_id: string;
  name: string;
  category: TillCategory;
  active: boolean;
  qr_mode: TillQrMode;
  created_at: string;
}

/** A store's till credentials in one environment; the secret is only in the answer that issued it. */
export interface StoreCredential {
  access_key: string;
  environment: Environment;
  created_at: string;
}

export interface IssuedStoreCredential extends StoreCredential {
  secret_key: string;
}

/** Which wallet a provider account takes for a store (every till of it) or for one till. */
export interface WalletAssociation {
  id: string;
  wallet: Wallet;
  store_id?: string;
  till_id?: string;
}

export interface ProviderAccount {
  id: string;
  kind: 'pix' | 'wallet';
  provider: string;
  name: string;
  wallets: Wallet[];
  pix_key?: string;
  has_certificate: boolean;
  created_at: string;
  associations: WalletAssociation[];
}

/** How an account field is asked for: `enum` comes with its `options`; `pem` is a multi-line PEM block. */
export const ACCOUNT_FIELD_TYPES = ['string', 'enum', 'url', 'boolean', 'pem', 'integer', 'number'] as const;
export type AccountFieldType = (typeof ACCOUNT_FIELD_TYPES)[number];

/** One field of a provider's account, as `POST /v1/provider-accounts` takes it. */
export interface ProviderAccountField {
  name: string;
  type: AccountFieldType;
  /** The values an `enum` field takes. */
  options?: string[];
  /** How each option is named, when it is not its own name (a bank's id). */
  option_labels?: Record<string, string>;
  /** In pt-BR, for the panel. */
  label: string;
  help?: string;
  /** Sealed at rest and never shown back. */
  secret: boolean;
  required: boolean;
  /** Needed by a live account though a test account may do without. */
  required_in_live: boolean;
  /** Refused in live (an emulator's address). */
  test_only: boolean;
  /** Needed in test too when another field takes one of these values (a bank whose sandbox demands it). */
  required_in_test_for?: AccountFieldRequirement;
}

/** Another field's values that make a field required, unless `waived_by` is given (an emulator's address). */
export interface AccountFieldRequirement {
  field: string;
  values: string[];
  waived_by?: string;
}

/** What a provider can do; requests beyond it are refused by the gateway before the provider is called. */
export interface ProviderCapabilities {
  partial_refunds: boolean;
  /** Refunds one payment takes in all; null when only the amount bounds them. */
  max_refunds: number | null;
  refund_window_days: number | null;
  /** Centavos. */
  min_amount: number;
  /** Centavos; null when the provider sets none. */
  max_amount: number | null;
  max_expires_in_seconds: number;
  deep_links: boolean;
  capture_step: boolean;
  static_qr: boolean;
}

/** An installed provider, as `GET /v1/providers` describes it. */
export interface ProviderDescription {
  id: string;
  display_name: string;
  wallets: Wallet[];
  /** Only for the test environment (the sandbox). */
  test_only: boolean;
  capabilities: ProviderCapabilities;
  account_fields: ProviderAccountField[];
}

/** The answer to a provider account's creation: a bank's Pix account also carries the webhook path, shown once. */
export interface CreatedProviderAccount extends ProviderAccount {
  webhook_path?: string;
}

/** The files a merchant can ask for; `csv-br` is the `;`-separated, decimal-comma CSV of pt-BR spreadsheets. */
export const REPORT_FORMATS = ['xlsx', 'csv', 'csv-br'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_KINDS = ['sales'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['generating', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The payments filters a sales file was made with; `from` and `to` are days in the merchant's time zone, `to` inclusive. */
export interface SalesFilters {
  from: string;
  to: string;
  store_id: string | null;
  status: OrderStatus | null;
  wallet: Wallet | null;
  till_id: string | null;
  amount_min: number | null;
  amount_max: number | null;
}

/** A sales file ("Arquivo de vendas"), generated in the background and kept 30 days. */
export interface Report {
  id: string;
  kind: ReportKind;
  format: ReportFormat;
  status: ReportStatus;
  filters: SalesFilters;
  /** The name the download carries, e.g. `vendas-loja-centro-2026-05-01-2026-05-07.xlsx`. */
  filename: string;
  rows_done: number;
  /** Known once generation has counted the rows; null before. */
  rows_total: number | null;
  /** Why generation failed; null otherwise. */
  failure_reason: string | null;
  size_bytes: number | null;
  created_at: string;
  completed_at: string | null;
  expires_at: string;
}
