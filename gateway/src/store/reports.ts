import type { Environment, ReportFormat, ReportKind, ReportStatus, SalesFilters } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

/** A sales file job and, once ready, the file's size; the bytes live in `report_chunks`. */
export interface ReportRecord {
  id: string;
  merchantId: string;
  environment: Environment;
  kind: ReportKind;
  format: ReportFormat;
  status: ReportStatus;
  filters: SalesFilters;
  /** The stores the requester was limited to; null: every store of the merchant. */
  scopeStoreIds: string[] | null;
  timezone: string;
  filename: string;
  requestedBy: string;
  rowsDone: number;
  rowsTotal: number | null;
  failureReason: string | null;
  sizeBytes: number | null;
  attempts: number;
  leaseUntil: Date;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date;
}

const reportFromRow = (r: Row): ReportRecord => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  kind: r.kind as ReportKind,
  format: r.format as ReportFormat,
  status: r.status as ReportStatus,
  filters: r.filters as SalesFilters,
  scopeStoreIds: (r.scope_store_ids as string[] | null) ?? null,
  timezone: r.timezone as string,
  filename: r.filename as string,
  requestedBy: r.requested_by as string,
  rowsDone: Number(r.rows_done),
  rowsTotal: r.rows_total === null ? null : Number(r.rows_total),
  failureReason: (r.failure_reason as string | null) ?? null,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  attempts: Number(r.attempts),
  leaseUntil: r.lease_until as Date,
  createdAt: r.created_at as Date,
  completedAt: (r.completed_at as Date | null) ?? null,
  expiresAt: r.expires_at as Date,
});

export async function insertReport(db: Db, r: ReportRecord): Promise<void> {
  await db('reports').insert({
    id: r.id,
    merchant_id: r.merchantId,
    environment: r.environment,
    kind: r.kind,
    format: r.format,
    status: r.status,
    filters: JSON.stringify(r.filters),
    scope_store_ids: r.scopeStoreIds,
    timezone: r.timezone,
    filename: r.filename,
    requested_by: r.requestedBy,
    rows_done: r.rowsDone,
    rows_total: r.rowsTotal,
    attempts: r.attempts,
    lease_until: r.leaseUntil,
    created_at: r.createdAt,
    expires_at: r.expiresAt,
  });
}

export async function findReport(db: Db, id: string): Promise<ReportRecord | undefined> {
  const row = await db('reports').where({ id }).first();
  return row ? reportFromRow(row) : undefined;
}

/**
 * A merchant environment's files, newest first (the panel's Arquivos); with `storeIds`, only files
 * whose rows are all of those stores (filtered here, so pages stay full).
 */
export async function listReports(
  db: Db,
  f: { merchantId: string; environment: Environment; storeIds: readonly string[] | null },
  limit: number,
  after?: PageCursor,
): Promise<ReportRecord[]> {
  const query = db('reports').where({ merchant_id: f.merchantId, environment: f.environment });
  const stores = f.storeIds;
  if (stores) {
    const list = `ARRAY[${stores.map(() => '?').join(', ')}]::text[]`;
    query.andWhereRaw(
      `(filters->>'store_id' = ANY(${list}) OR (filters->>'store_id' IS NULL AND scope_store_ids <@ ${list}))`,
      [...stores, ...stores],
    );
  }
  return (await newestFirstPage(query, limit, after)).map(reportFromRow);
}

/**
 * Claims one file still generating whose lease has run out (a new job's lease is its creation time),
 * skipping those another instance holds, and leases it to `leaseUntil`: a job whose instance died is
 * picked up again when its lease ends.
 */
export async function claimDueReport(db: Knex, now: Date, leaseUntil: Date): Promise<ReportRecord | undefined> {
  return db.transaction(async (trx) => {
    const [row] = await trx('reports')
      .whereIn(
        'id',
        trx('reports')
          .select('id')
          .where('status', 'generating')
          .andWhere('lease_until', '<=', now)
          .orderBy('lease_until')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .update({ lease_until: leaseUntil, attempts: trx.raw('attempts + 1'), rows_done: 0 })
      .returning('*');
    return row ? reportFromRow(row) : undefined;
  });
}

/**
 * Records progress and extends the lease, only while this worker still holds the job (its attempt);
 * false when another instance has taken it over.
 */
export async function recordProgress(
  db: Db,
  job: { id: string; attempts: number },
  p: { rowsDone: number; rowsTotal: number; leaseUntil: Date },
): Promise<ReportRecord | undefined> {
  const [row] = await db('reports')
    .where({ id: job.id, attempts: job.attempts, status: 'generating' })
    .update({ rows_done: p.rowsDone, rows_total: p.rowsTotal, lease_until: p.leaseUntil })
    .returning('*');
  return row ? reportFromRow(row) : undefined;
}

/** Drops the chunks earlier attempts left, before this one writes. */
export async function clearChunks(db: Db, job: { id: string; attempts: number }): Promise<void> {
  await db('report_chunks').where({ report_id: job.id }).andWhere('attempt', '<>', job.attempts).delete();
}

export async function writeChunk(
  db: Db,
  job: { id: string; attempts: number },
  seq: number,
  data: Buffer,
): Promise<void> {
  await db('report_chunks').insert({ report_id: job.id, attempt: job.attempts, seq, data });
}

/**
 * Leaves a failed attempt's job generating, due again at `retryAt` (its lease), if this attempt still
 * holds it; the next claim counts a new attempt and starts the file over.
 */
export async function postponeReport(
  db: Db,
  job: { id: string; attempts: number },
  retryAt: Date,
): Promise<ReportRecord | undefined> {
  const [row] = await db('reports')
    .where({ id: job.id, attempts: job.attempts, status: 'generating' })
    .update({ lease_until: retryAt, rows_done: 0 })
    .returning('*');
  return row ? reportFromRow(row) : undefined;
}

/** Ends the job, if this attempt still holds it. */
export async function finishReport(
  db: Db,
  job: { id: string; attempts: number },
  end:
    | { status: 'ready'; rowsDone: number; sizeBytes: number; now: Date }
    | { status: 'failed'; failureReason: string; now: Date },
): Promise<ReportRecord | undefined> {
  const changes =
    end.status === 'ready'
      ? { status: 'ready', rows_done: end.rowsDone, rows_total: end.rowsDone, size_bytes: end.sizeBytes }
      : { status: 'failed', failure_reason: end.failureReason };
  const [row] = await db('reports')
    .where({ id: job.id, attempts: job.attempts, status: 'generating' })
    .update({ ...changes, completed_at: end.now })
    .returning('*');
  return row ? reportFromRow(row) : undefined;
}

/** The file's chunks (of the attempt that made it) in order, one at a time: a download never holds the whole file. */
export async function* readChunks(db: Db, report: { id: string; attempts: number }): AsyncGenerator<Buffer> {
  let seq = -1;
  for (;;) {
    const row = await db('report_chunks')
      .where({ report_id: report.id, attempt: report.attempts })
      .andWhere('seq', '>', seq)
      .orderBy('seq')
      .first('seq', 'data');
    if (!row) return;
    seq = Number(row.seq);
    // PostgreSQL hands bytea back as a Buffer, PGlite as a Uint8Array.
    yield Buffer.from(row.data as Uint8Array);
  }
}

/** Removes up to `limit` files past their 30 days, chunks included; returns how many. */
export async function deleteExpiredReports(db: Db, now: Date, limit: number): Promise<number> {
  return db('reports')
    .whereIn('id', db('reports').select('id').where('expires_at', '<=', now).limit(limit))
    .delete();
}
