import type {
  Environment,
  ReportFormat,
  SubscriptionFrequency,
  SubscriptionReport,
  SubscriptionStatus,
} from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

export interface SubscriptionRecord {
  id: string;
  merchantId: string;
  environment: Environment;
  email: string;
  report: SubscriptionReport;
  format: ReportFormat;
  storeId: string | null;
  frequency: SubscriptionFrequency;
  status: SubscriptionStatus;
  createdBy: string;
  confirmedAt: Date | null;
  lastSentAt: Date | null;
  nextSendAt: Date | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type SubscriptionPatch = Partial<
  Pick<
    SubscriptionRecord,
    'email' | 'report' | 'format' | 'storeId' | 'frequency' | 'status' | 'confirmedAt' | 'nextSendAt'
  >
> & { updatedAt: Date };

const COLUMNS: Record<keyof SubscriptionRecord, string> = {
  id: 'id',
  merchantId: 'merchant_id',
  environment: 'environment',
  email: 'email',
  report: 'report',
  format: 'format',
  storeId: 'store_id',
  frequency: 'frequency',
  status: 'status',
  createdBy: 'created_by',
  confirmedAt: 'confirmed_at',
  lastSentAt: 'last_sent_at',
  nextSendAt: 'next_send_at',
  lastError: 'last_error',
  nextAttemptAt: 'next_attempt_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const toRow = (r: Partial<SubscriptionRecord>): Row =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [COLUMNS[k as keyof SubscriptionRecord], v]));

const fromRow = (r: Row): SubscriptionRecord =>
  Object.fromEntries(
    Object.entries(COLUMNS).map(([k, column]) => [k, r[column] === undefined ? null : r[column]]),
  ) as unknown as SubscriptionRecord;

export async function insertSubscription(db: Db, s: SubscriptionRecord): Promise<void> {
  await db('report_subscriptions').insert(toRow(s));
}

export async function findSubscription(db: Db, id: string): Promise<SubscriptionRecord | undefined> {
  const row = await db('report_subscriptions').where({ id }).first();
  return row ? fromRow(row) : undefined;
}

/** The row, locked until the transaction ends, so a change and the scheduler never cross. */
export async function lockSubscription(trx: Knex.Transaction, id: string): Promise<SubscriptionRecord | undefined> {
  const row = await trx('report_subscriptions').where({ id }).forUpdate().first();
  return row ? fromRow(row) : undefined;
}

export async function updateSubscription(db: Db, id: string, patch: SubscriptionPatch): Promise<SubscriptionRecord> {
  const [row] = await db('report_subscriptions').where({ id }).update(toRow(patch)).returning('*');
  return fromRow(row as Row);
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db('report_subscriptions').where({ id }).delete();
}

/** A merchant environment's subscriptions, newest first; with `storeIds`, only those of one of them. */
export async function listSubscriptions(
  db: Db,
  f: { merchantId: string; environment: Environment; storeIds: readonly string[] | null },
  limit: number,
  after?: PageCursor,
): Promise<SubscriptionRecord[]> {
  const query = db('report_subscriptions').where({ merchant_id: f.merchantId, environment: f.environment });
  if (f.storeIds) query.whereIn('store_id', [...f.storeIds]);
  return (await newestFirstPage(query, limit, after)).map(fromRow);
}

/** Active subscriptions whose sending time has come, locked (others' skipped) for this transaction. */
export async function lockDueSubscriptions(
  trx: Knex.Transaction,
  now: Date,
  limit: number,
): Promise<Array<SubscriptionRecord & { timezone: string }>> {
  const rows = await trx('report_subscriptions as s')
    .join('merchants as m', 'm.id', 's.merchant_id')
    .where('s.status', 'active')
    .andWhere('s.next_send_at', '<=', now)
    .orderBy('s.next_send_at')
    .limit(limit)
    .forUpdate('s')
    .skipLocked()
    .select('s.*', 'm.timezone');
  return rows.map((r: Row) => ({ ...fromRow(r), timezone: r.timezone as string }));
}

export interface SendingRecord {
  id: string;
  subscriptionId: string;
  periodFirst: string;
  periodLast: string;
  attempts: number;
}

/** The claim of one period: inserted once whoever plans it; answers whether this call inserted it. */
export async function insertSending(
  db: Db,
  s: { id: string; subscriptionId: string; periodFirst: string; periodLast: string; now: Date },
): Promise<boolean> {
  const result = await db.raw(
    `INSERT INTO report_sendings (id, subscription_id, period_first, period_last, status, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)
     ON CONFLICT (subscription_id, period_first) DO NOTHING RETURNING id`,
    [s.id, s.subscriptionId, s.periodFirst, s.periodLast, s.now, s.now],
  );
  return (result.rows as unknown[]).length === 1;
}

/**
 * Claims one pending sending whose attempt is due, skipping those another instance holds, counts the
 * attempt and leases it to `leaseUntil`: one whose instance died is tried again when the lease ends.
 */
export async function claimDueSending(db: Knex, now: Date, leaseUntil: Date): Promise<SendingRecord | undefined> {
  return db.transaction(async (trx) => {
    const [row] = await trx('report_sendings')
      .whereIn(
        'id',
        trx('report_sendings')
          .select('id')
          .where('status', 'pending')
          .andWhere('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .update({ next_attempt_at: leaseUntil, attempts: trx.raw('attempts + 1') })
      .returning('*');
    if (!row) return undefined;
    return {
      id: row.id,
      subscriptionId: row.subscription_id,
      periodFirst: row.period_first,
      periodLast: row.period_last,
      attempts: Number(row.attempts),
    };
  });
}

/** Ends or reschedules the attempt, if it still holds the sending; false when another took it over. */
export async function settleSending(
  db: Db,
  s: { id: string; attempts: number },
  outcome:
    | { status: 'sent'; at: Date }
    | { status: 'cancelled' }
    | { status: 'pending' | 'failed'; error: string; nextAttemptAt: Date },
): Promise<boolean> {
  const changes =
    outcome.status === 'sent'
      ? { status: 'sent', sent_at: outcome.at, last_error: null }
      : outcome.status === 'cancelled'
        ? { status: 'cancelled' }
        : { status: outcome.status, last_error: outcome.error, next_attempt_at: outcome.nextAttemptAt };
  const updated = await db('report_sendings')
    .where({ id: s.id, attempts: s.attempts, status: 'pending' })
    .update(changes);
  return Number(updated) === 1;
}

/** What a sending did to its subscription: sent (error cleared), or failed with the next attempt. */
export async function recordSendingOutcome(
  db: Db,
  id: string,
  outcome: { sentAt: Date } | { error: string; nextAttemptAt: Date | null },
): Promise<void> {
  await db('report_subscriptions')
    .where({ id })
    .update(
      'sentAt' in outcome
        ? { last_sent_at: outcome.sentAt, last_error: null, next_attempt_at: null }
        : { last_error: outcome.error, next_attempt_at: outcome.nextAttemptAt },
    );
}
