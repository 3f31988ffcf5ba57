import type { Environment } from './resources.js';

/**
 * What the audit log records, as `<target>.<verb>`. Creating an order is not here: the event log has it,
 * and the hot path stays one write.
 */
export const AUDIT_ACTIONS = [
  'session.login',
  'session.login_failed',
  'session.locked_out',
  'session.environment_switched',
  'app.token_issued',
  'app.login_failed',
  'app.created',
  'app.secret_regenerated',
  'store_credentials.rotated',
  'till.updated',
  'order.cancelled',
  'refund.created',
  'user.invited',
  'user.invitation_accepted',
  'user.updated',
  'user.removed',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_callback_secret.rotated',
  'provider_account.created',
  'provider_account.tested',
  'provider_account.associated',
  'provider_account.dissociated',
  'report.generated',
  'report.downloaded',
  'report_subscription.created',
  'report_subscription.updated',
  'report_subscription.deleted',
  'payment_link.created',
  'payment_link.cancelled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a panel user, an app, a till, or someone not signed in (a failed log-in). */
export interface AuditActor {
  kind: 'user' | 'app' | 'till' | 'anonymous';
  /** The user or till id, or the app's name; null for anonymous. */
  id: string | null;
}

/** One changed field: its value before and after (null when it did not exist); secrets never appear. */
export interface AuditChange {
  before: unknown;
  after: unknown;
}

/** An entry of `GET /v1/audit-events`. */
export interface AuditEvent {
  id: string;
  /** Position in the merchant's chain, from 1 without gaps. */
  seq: number;
  /** null for what is not of one environment (log-ins, team changes). */
  environment: Environment | null;
  actor: AuditActor;
  action: AuditAction;
  target: { type: string; id: string } | null;
  changes: Record<string, AuditChange>;
  origin: { ip: string | null; user_agent: string | null };
  /** SHA-256 (hex) of the entry before in the chain, and of this one. */
  prev_hash: string;
  hash: string;
  created_at: string;
}
