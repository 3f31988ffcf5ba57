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

export interface Refund {
  id: string;
  order_id: string;
  amount: number;
  reason: string | null;
  status: RefundStatus;
  failure_reason: string | null;
  /** True when the gateway started it to return a payment the order could not accept. */
  automatic: boolean;
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
