/** The panel's and the management API's wire shapes beyond stores and tills, as `gateway/web/README.md` gives them. */
import type { Environment, Order, Till } from './resources.js';
import type { Role } from './roles.js';

/** A pending invitation as its link reads it, before it is accepted: whose team, and in which role now. */
export interface InvitationView {
  merchant_name: string;
  email: string;
  role: Role;
}

/** The answer of log-in, invitation acceptance and `GET /v1/panel/session`. */
export interface SessionView {
  user: { id: string; email: string; name: string; role: Role; store_ids: string[] | null };
  merchant: { id: string; name: string; cnpj: string | null; timezone: string };
  environment: Environment;
  csrf_token: string;
  onboarding: { activated: boolean; terms_accepted: boolean; documents: number; done: boolean };
}

export type UserStatus = 'invited' | 'active';

/** A panel user of the merchant; `store_ids` null reaches every store. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  store_ids: string[] | null;
  status: UserStatus;
  created_at: string;
}

/** A company document uploaded during onboarding. */
export interface MerchantDocument {
  id: string;
  name: string;
  content_type: string;
  size: number;
  created_at: string;
}

/** A message of the local outbox (mail not sent through SMTP). */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  created_at: string;
}

export interface BoardTill {
  till: Till;
  current_order: Order | null;
  last_activity_at: string | null;
  idle: boolean;
}

/** A store's live till board as first read; `store:<id>` events then update it. */
export interface Board {
  store_id: string;
  /** The event log's seq when the board was read: every event up to it is in the picture; subscribe with `after_seq: seq`. */
  seq: number;
  tills: BoardTill[];
  recent_payments: Order[];
}

/** A server-to-server credential in one environment; the secret is only in the answer that issued it. */
export interface AppCredential {
  app_name: string;
  environment: Environment;
  created_at: string;
}

export interface IssuedAppCredential extends AppCredential {
  app_secret: string;
}
