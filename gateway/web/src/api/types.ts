/** Panel wire shapes, as `gateway/web/README.md` specifies them; order/refund/event shapes come from the SDK. */
import type { Environment, Order, Wallet } from '@tillgate/sdk/protocol';

export type { Role } from '@tillgate/sdk/protocol';

import type { Role } from '@tillgate/sdk/protocol';

export interface SessionView {
  user: { id: string; email: string; name: string | null; role: Role; store_ids: string[] | null };
  merchant: { id: string; name: string; cnpj: string; timezone: string | null };
  environment: Environment;
  csrf_token: string;
  onboarding: { activated: boolean; terms_accepted: boolean; documents: number; done: boolean };
}

export interface Store {
  id: string;
  name: string;
  cnpj: string | null;
  address: string | null;
  phone: string | null;
  active: boolean;
  created_at: string;
}

export type TillCategory = 'physical' | 'ecommerce';

export interface Till {
  id: string;
  store_id: string;
  client_id: string;
  name: string;
  category: TillCategory;
  active: boolean;
  created_at: string;
}

export interface StoreCredentials {
  access_key: string;
  /** Only in the answer that issued it. */
  secret_key?: string;
  environment: Environment;
  created_at: string;
}

export interface AppCredential {
  app_name: string;
  /** Only in the answer that issued it. */
  app_secret?: string;
  environment: Environment;
  created_at: string;
}

export const PIX_PROVIDERS = ['itau', 'santander', 'bb', 'bradesco', 'pagbank', 'mercadopago', 'sandbox'] as const;
export const WALLET_PROVIDERS = ['mercadopago', 'picpay', 'pagbank', 'ame', 'cielopay'] as const;

export interface Association {
  id: string;
  store_id?: string | null;
  till_id?: string | null;
  wallet: Wallet;
}

export interface ProviderAccount {
  id: string;
  kind: 'pix' | 'wallet';
  provider: string;
  name: string;
  wallets: Wallet[];
  pix_key?: string | null;
  has_certificate: boolean;
  created_at: string;
  associations: Association[];
}

export interface TeamUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  store_ids: string[] | null;
  status: 'invited' | 'active';
  created_at: string;
}

export interface BoardTill {
  till: Till;
  current_order: Order | null;
  last_activity_at: string | null;
  idle: boolean;
}

export interface Board {
  store_id: string;
  tills: BoardTill[];
  recent_payments: Order[];
}

export interface Document {
  id: string;
  name: string;
  content_type: string;
  size: number;
  created_at: string;
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  created_at: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
