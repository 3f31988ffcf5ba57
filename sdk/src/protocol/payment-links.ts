import type { Environment, Wallet } from './resources.js';

/** Wire shapes of payment links: a link emailed to one buyer, paid through the gateway's hosted page. */

export const PAYMENT_LINK_STATUSES = ['sent', 'opened', 'paid', 'expired', 'cancelled', 'failed'] as const;
/** `failed`: the email bounced or the SMTP server refused it. */
export type PaymentLinkStatus = (typeof PAYMENT_LINK_STATUSES)[number];

export interface PaymentLink {
  id: string;
  /** The hosted page; the token in it is the only way in, and names nothing else. */
  url: string;
  store_id: string;
  environment: Environment;
  order_ref: string;
  email: string;
  buyer_ref: string | null;
  amount: number;
  currency: 'BRL';
  message: string | null;
  /** The wallets the payer may choose from; null: every wallet of the store. */
  wallets: Wallet[] | null;
  status: PaymentLinkStatus;
  mail_status: 'queued' | 'sent' | 'failed';
  expires_at: string;
  created_at: string;
  opened_at: string | null;
  paid_at: string | null;
  /** The link's current (or paying) order. */
  order_id: string | null;
}

/** What the hosted page shows: `GET /v1/pay/{token}`; no secret but the current order's client secret. */
export interface PayPage {
  merchant: string;
  store: string;
  environment: Environment;
  order_ref: string;
  buyer_ref: string | null;
  amount: number;
  message: string | null;
  status: PaymentLinkStatus;
  expires_at: string;
  wallets: Wallet[];
  /** The pending or paid order of the link, with what the page needs to show and watch it. */
  order: PayPageOrder | null;
}

export interface PayPageOrder {
  id: string;
  status: string;
  wallet: Wallet;
  qr_code_text: string;
  expires_at: string;
  client_secret: string;
  paid_at: string | null;
  provider_payment_id: string | null;
}

export const PAYMENT_LINK_EVENT_TYPES = ['payment_link.opened', 'payment_link.paid', 'payment_link.expired'] as const;
export type PaymentLinkEventType = (typeof PAYMENT_LINK_EVENT_TYPES)[number];

/** What a link's email template may say; the panel's preview and the gateway fill them alike. */
export const PLACEHOLDERS = ['amount', 'reference', 'link', 'expires_at', 'store', 'buyer_ref'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The email every link gets unless its creator edits it; `{message}` is the creator's note, if any. */
export const DEFAULT_TEMPLATE = `Olá!

{store} enviou um pedido de pagamento de {amount} (referência {reference}).

{message}Para pagar com Pix ou carteira digital, abra o link abaixo:

{link}

O link vale até {expires_at}.`;

export const DEFAULT_SUBJECT = 'Pedido de pagamento de {store}: {amount}';

/** Replaces each known `{placeholder}` once per occurrence; anything else in braces stays as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
