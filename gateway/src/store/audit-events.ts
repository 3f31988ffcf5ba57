import type { Environment } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { type ChainedFields, chainHash, GENESIS_HASH } from '../domain/audit-chain.js';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;

export type AuditRecord = ChainedFields & { hash: string };

/** An entry before the chain places it. */
export type AuditDraft = Omit<ChainedFields, 'seq' | 'prevHash'>;

/**
 * Appends an entry to its merchant's chain inside `trx`. The upsert locks the chain's head row until the
 * transaction ends, so appends of one merchant take turns across instances; its `RETURNING` reads the head
 * as the previous holder committed it.
 */
export async function appendAuditEvent(trx: Knex.Transaction, draft: AuditDraft): Promise<AuditRecord> {
  const head = await trx.raw<{ rows: Array<{ seq: string | number; hash: string }> }>(
    `INSERT INTO audit_chain_heads (merchant_id, seq, hash) VALUES (?, 0, ?)
     ON CONFLICT (merchant_id) DO UPDATE SET seq = audit_chain_heads.seq
     RETURNING seq, hash`,
    [draft.merchantId, GENESIS_HASH],
  );
  const last = head.rows[0] as { seq: string | number; hash: string };
  const fields: ChainedFields = { ...draft, seq: Number(last.seq) + 1, prevHash: last.hash };
  const record: AuditRecord = { ...fields, hash: chainHash(fields) };
  await trx.raw(
    `WITH entry AS (INSERT INTO audit_events ${INSERT_COLUMNS} VALUES (${INSERT_COLUMNS_PLACEHOLDERS}))
     UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE merchant_id = ?`,
    [...toRowValues(record), record.seq, record.hash, record.merchantId],
  );
  return record;
}

const COLUMNS = [
  'id',
  'merchant_id',
  'seq',
  'environment',
  'actor_kind',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'changes',
  'ip',
  'user_agent',
  'prev_hash',
  'hash',
  'created_at',
] as const;
const INSERT_COLUMNS = `(${COLUMNS.join(', ')})`;
const INSERT_COLUMNS_PLACEHOLDERS = COLUMNS.map((c) => (c === 'changes' ? '?::jsonb' : '?')).join(', ');

const toRowValues = (r: AuditRecord): Knex.Value[] => [
  r.id,
  r.merchantId,
  r.seq,
  r.environment,
  r.actorKind,
  r.actorId,
  r.action,
  r.targetType,
  r.targetId,
  JSON.stringify(r.changes),
  r.ip,
  r.userAgent,
  r.prevHash,
  r.hash,
  r.createdAt,
];

interface AuditRow {
  id: string;
  merchant_id: string;
  seq: string | number;
  environment: Environment | null;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  changes: unknown;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
  created_at: Date;
}

const fromRow = (r: AuditRow): AuditRecord => ({
  id: r.id,
  merchantId: r.merchant_id,
  seq: Number(r.seq),
  environment: r.environment,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes,
  ip: r.ip,
  userAgent: r.user_agent,
  prevHash: r.prev_hash,
  hash: r.hash,
  createdAt: new Date(r.created_at),
});

export interface AuditFilter {
  merchantId: string;
  /** undefined: every environment and the merchant-wide entries. */
  environment?: Environment | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** A page of a merchant's entries, newest first. */
export async function listAuditEvents(
  db: Db,
  f: AuditFilter,
  limit: number,
  after?: PageCursor,
): Promise<AuditRecord[]> {
  const q = db<AuditRow>('audit_events').where('merchant_id', f.merchantId);
  if (f.environment) q.andWhere('environment', f.environment);
  if (f.actorId) q.andWhere('actor_id', f.actorId);
  if (f.action) q.andWhere('action', f.action);
  if (f.from) q.andWhere('created_at', '>=', f.from);
  if (f.to) q.andWhere('created_at', '<', f.to);
  const rows = await newestFirstPage(q, limit, after);
  return (rows as AuditRow[]).map(fromRow);
}

/** Up to `limit` entries of a chain after `afterSeq`, in seq order. */
export async function readAuditChain(db: Db, merchantId: string, afterSeq: number, limit: number) {
  const rows = await db<AuditRow>('audit_events')
    .where('merchant_id', merchantId)
    .andWhere('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit);
  return (rows as AuditRow[]).map(fromRow);
}

/** The chain's last seq and hash as appends left them; an empty chain is seq 0. */
export async function auditChainHead(db: Db, merchantId: string): Promise<{ seq: number; hash: string }> {
  const row = await db('audit_chain_heads').where('merchant_id', merchantId).first();
  return row ? { seq: Number(row.seq), hash: row.hash as string } : { seq: 0, hash: GENESIS_HASH };
}
