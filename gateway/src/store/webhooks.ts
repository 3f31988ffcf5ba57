import type { Environment, EventType } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { claimDueRows } from './due-work.js';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;

export interface WebhookEndpoint {
  id: string;
  merchantId: string;
  environment: Environment;
  url: string;
  eventTypes: EventType[];
  secretEncrypted: string;
  status: 'active' | 'disabled';
  failingSince: Date | null;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: string;
  merchantId: string;
  environment: Environment;
  endpointId: string | null;
  url: string;
  eventSeq: number;
  eventId: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface WebhookAttempt {
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const endpointFromRow = (r: Record<string, unknown>): WebhookEndpoint => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  url: r.url as string,
  eventTypes: r.event_types as EventType[],
  secretEncrypted: r.secret_encrypted as string,
  status: r.status as WebhookEndpoint['status'],
  failingSince: (r.failing_since as Date | null) ?? null,
  createdAt: r.created_at as Date,
});

const deliveryFromRow = (r: Record<string, unknown>): WebhookDelivery => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  endpointId: (r.endpoint_id as string | null) ?? null,
  url: r.url as string,
  eventSeq: Number(r.event_seq),
  eventId: r.event_id as string,
  status: r.status as WebhookDelivery['status'],
  attempts: Number(r.attempts),
  nextAttemptAt: (r.next_attempt_at as Date | null) ?? null,
  lastStatusCode: (r.last_status_code as number | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  createdAt: r.created_at as Date,
  deliveredAt: (r.delivered_at as Date | null) ?? null,
});

export async function insertEndpoint(db: Db, e: WebhookEndpoint): Promise<void> {
  await db('webhook_endpoints').insert({
    id: e.id,
    merchant_id: e.merchantId,
    environment: e.environment,
    url: e.url,
    event_types: e.eventTypes,
    secret_encrypted: e.secretEncrypted,
    status: e.status,
    failing_since: e.failingSince,
    created_at: e.createdAt,
  });
}

export async function listEndpoints(db: Db, merchantId: string, environment: Environment): Promise<WebhookEndpoint[]> {
  const rows = await db('webhook_endpoints').where({ merchant_id: merchantId, environment }).orderBy('created_at');
  return rows.map(endpointFromRow);
}

export async function findEndpoint(db: Db, id: string): Promise<WebhookEndpoint | undefined> {
  const row = await db('webhook_endpoints').where({ id }).first();
  return row ? endpointFromRow(row) : undefined;
}

export async function setEndpointStatus(db: Db, id: string, status: WebhookEndpoint['status']): Promise<void> {
  await db('webhook_endpoints')
    .where({ id })
    .update({ status, ...(status === 'active' ? { failing_since: null } : {}) });
}

/** Records an endpoint's latest outcome; one failing for longer than `disableAfter` is disabled. */
export async function markEndpointOutcome(
  db: Db,
  id: string,
  ok: boolean,
  now: Date,
  disableAfterMs: number,
): Promise<void> {
  if (ok) {
    await db('webhook_endpoints').where({ id }).whereNotNull('failing_since').update({ failing_since: null });
    return;
  }
  await db('webhook_endpoints').where({ id }).whereNull('failing_since').update({ failing_since: now });
  await db('webhook_endpoints')
    .where({ id, status: 'active' })
    .andWhere('failing_since', '<=', new Date(now.getTime() - disableAfterMs))
    .update({ status: 'disabled' });
}

/** Claims due deliveries for this instance; see `claimDueRows`. */
export async function claimDueDeliveries(
  trx: Knex.Transaction,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<WebhookDelivery[]> {
  return (await claimDueRows(trx, 'webhook_deliveries', now, leaseUntil, limit)).map(deliveryFromRow);
}

export async function recordAttempt(
  trx: Knex.Transaction,
  delivery: WebhookDelivery,
  attempt: WebhookAttempt,
  next: { status: WebhookDelivery['status']; nextAttemptAt: Date | null; deliveredAt: Date | null },
): Promise<void> {
  await trx('webhook_attempts').insert({
    delivery_id: delivery.id,
    attempt: attempt.attempt,
    attempted_at: attempt.attemptedAt,
    status_code: attempt.statusCode,
    error: attempt.error,
    duration_ms: attempt.durationMs,
  });
  await trx('webhook_deliveries').where({ id: delivery.id }).update({
    status: next.status,
    attempts: attempt.attempt,
    next_attempt_at: next.nextAttemptAt,
    delivered_at: next.deliveredAt,
    last_status_code: attempt.statusCode,
    last_error: attempt.error,
  });
}

/** Gives claimed deliveries back at once (on shutdown), so another instance need not wait out the lease. */
export async function releaseDeliveries(db: Db, ids: string[], now: Date): Promise<void> {
  if (ids.length)
    await db('webhook_deliveries').whereIn('id', ids).andWhere('status', 'pending').update({ next_attempt_at: now });
}

export async function findDelivery(db: Db, id: string): Promise<WebhookDelivery | undefined> {
  const row = await db('webhook_deliveries').where({ id }).first();
  return row ? deliveryFromRow(row) : undefined;
}

export async function listAttempts(db: Db, deliveryId: string): Promise<WebhookAttempt[]> {
  const rows = await db('webhook_attempts').where({ delivery_id: deliveryId }).orderBy('attempt');
  return rows.map((r: Record<string, unknown>) => ({
    attempt: Number(r.attempt),
    attemptedAt: r.attempted_at as Date,
    statusCode: (r.status_code as number | null) ?? null,
    error: (r.error as string | null) ?? null,
    durationMs: Number(r.duration_ms),
  }));
}

export async function listDeliveries(
  db: Db,
  f: { merchantId: string; environment: Environment; endpointId?: string | undefined; status?: string | undefined },
  limit: number,
  after?: PageCursor,
): Promise<WebhookDelivery[]> {
  const q = db('webhook_deliveries').where({ merchant_id: f.merchantId, environment: f.environment });
  if (f.endpointId) q.andWhere('endpoint_id', f.endpointId);
  if (f.status) q.andWhere('status', f.status);
  const rows = await newestFirstPage(q, limit, after);
  return rows.map(deliveryFromRow);
}

/** Queues a delivery again by hand, whatever its state. */
export async function requeueDelivery(db: Db, id: string, now: Date): Promise<void> {
  await db('webhook_deliveries').where({ id }).update({ status: 'pending', next_attempt_at: now, delivered_at: null });
}
