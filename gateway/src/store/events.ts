import type { Environment, EventType } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { Topic } from '../domain/topics.js';
import { Statement } from './prepared.js';

type Db = Knex | Knex.Transaction;

export interface ChannelKey {
  merchantId: string;
  environment: Environment;
}

/**
 * An event about to be written; `data` is the snapshot of the order (and refund) after the change, or
 * of a report, whose event has no order or till (and a store only when the report is of one store).
 */
export interface EventDraft {
  id: string;
  type: EventType;
  orderId: string | null;
  storeId: string | null;
  tillId: string | null;
  data: Record<string, unknown>;
}

export interface StoredEvent extends EventDraft {
  merchantId: string;
  environment: Environment;
  seq: number;
  createdAt: Date;
}

/** The column definitions of `draftRow`'s JSON, for `jsonb_to_record` and `jsonb_to_recordset`. */
export const DRAFT_COLUMNS = 'ord int, id text, type text, order_id text, store_id text, till_id text, data jsonb';

const append = new Statement<ReturnType<typeof draftsBindings>, { seq: string; id: string }>(
  'append_events',
  `WITH ${draftsCte()}, ${appendEventsCtes('drafts')} SELECT seq, id FROM inserted`,
);

/**
 * Allocates consecutive seqs, writes the events and queues their webhook deliveries, in one statement.
 * The counter row stays locked until the transaction ends, so events of one merchant environment
 * commit in seq order: whoever sees seq N can read every seq below it.
 */
export async function appendEvents(
  trx: Knex.Transaction,
  key: ChannelKey,
  drafts: EventDraft[],
  now: Date,
): Promise<StoredEvent[]> {
  const rows = await append.rows(trx, draftsBindings(key, drafts, now));
  return storedEvents(key, drafts, now, rows);
}

/** A draft as the JSON row the statements read with `DRAFT_COLUMNS`; `ord` is its place among its channel's. */
export function draftRow(d: EventDraft, ord: number) {
  return { ord, id: d.id, type: d.type, order_id: d.orderId, store_id: d.storeId, till_id: d.tillId, data: d.data };
}

/** The CTE `drafts` of the events in `draftsBindings`, as `appendEventsCtes` takes them. */
function draftsCte(): string {
  return `drafts AS (
       SELECT :merchantId::text AS merchant_id, :environment::text AS environment, e.*, :now::timestamptz AS created_at
         FROM jsonb_to_recordset(:rows::jsonb) AS e(${DRAFT_COLUMNS})
     )`;
}

function draftsBindings(key: ChannelKey, drafts: EventDraft[], now: Date) {
  const rows = drafts.map((d, i) => draftRow(d, i + 1));
  return { merchantId: key.merchantId, environment: key.environment, now, rows: JSON.stringify(rows) };
}

/**
 * CTEs that append the events of CTE `source` (merchant_id, environment, ord, id, type, order_id,
 * store_id, till_id, data, created_at), in `ord` order within each merchant environment: they take
 * each channel's seq counter (in a fixed order, so two statements never wait on each other's), write
 * the events as `inserted` and queue their webhook deliveries.
 */
export function appendEventsCtes(source: string): string {
  return `counter AS (
       INSERT INTO event_sequences (merchant_id, environment, last_seq)
       SELECT merchant_id, environment, count(*) FROM ${source}
        GROUP BY merchant_id, environment ORDER BY merchant_id, environment
       ON CONFLICT (merchant_id, environment) DO UPDATE SET last_seq = event_sequences.last_seq + EXCLUDED.last_seq
       RETURNING merchant_id, environment, last_seq
     ),
     inserted AS (
       INSERT INTO events (merchant_id, environment, seq, id, type, order_id, store_id, till_id, data, created_at)
       SELECT e.merchant_id, e.environment,
              c.last_seq - count(*) OVER (PARTITION BY e.merchant_id, e.environment)
                + row_number() OVER (PARTITION BY e.merchant_id, e.environment ORDER BY e.ord),
              e.id, e.type, e.order_id, e.store_id, e.till_id, e.data, e.created_at
         FROM ${source} e JOIN counter c USING (merchant_id, environment)
       RETURNING merchant_id, environment, seq, id, type, order_id, store_id, till_id, data, created_at
     ),
     destinations AS (
       SELECT i.merchant_id, i.environment, i.created_at, i.seq, i.id AS event_id, w.id AS endpoint_id, w.url
         FROM inserted i
         JOIN webhook_endpoints w ON w.merchant_id = i.merchant_id AND w.environment = i.environment AND w.status = 'active' AND i.type = ANY (w.event_types)
       UNION ALL
       SELECT i.merchant_id, i.environment, i.created_at, i.seq, i.id, NULL, i.data->'order'->>'callback_url'
         FROM inserted i WHERE i.data->'order'->>'callback_url' IS NOT NULL
     ),
     queued AS (
       -- The id is derived from the event and the destination, so an event is queued once per destination.
       INSERT INTO webhook_deliveries (id, merchant_id, environment, endpoint_id, url, event_seq, event_id, status, next_attempt_at, created_at)
       SELECT 'whd_' || upper(substr(md5(d.event_id || ':' || coalesce(d.endpoint_id, 'callback')), 1, 26)),
              d.merchant_id, d.environment, d.endpoint_id, d.url, d.seq, d.event_id, 'pending', d.created_at, d.created_at
         FROM destinations d
     )`;
}

/** The drafts as written, given the `seq, id` rows the statement returned. */
export function storedEvents(
  key: ChannelKey,
  drafts: EventDraft[],
  now: Date,
  rows: { seq: string; id: string }[],
): StoredEvent[] {
  const seqById = new Map<string, number>(rows.map((r) => [r.id, Number(r.seq)]));
  return drafts.map((d) => ({ ...d, ...key, seq: seqById.get(d.id) ?? 0, createdAt: now }));
}

export async function latestSeq(db: Db, key: ChannelKey): Promise<number> {
  const row = await db('event_sequences')
    .select('last_seq')
    .where({ merchant_id: key.merchantId, environment: key.environment })
    .first();
  return row ? Number(row.last_seq) : 0;
}

export interface EventQuery {
  afterSeq: number;
  /** Inclusive upper bound. */
  upToSeq?: number | undefined;
  topic?: Topic | undefined;
  types?: EventType[] | undefined;
  /** Only events of these stores (a panel user limited to some stores). */
  storeIds?: readonly string[] | undefined;
  limit: number;
}

const TOPIC_COLUMN = { till: 'till_id', store: 'store_id', order: 'order_id' } as const;

export async function listEvents(db: Db, key: ChannelKey, q: EventQuery): Promise<StoredEvent[]> {
  const query = db('events')
    .where({ merchant_id: key.merchantId, environment: key.environment })
    .andWhere('seq', '>', q.afterSeq);
  if (q.upToSeq !== undefined) query.andWhere('seq', '<=', q.upToSeq);
  if (q.topic && q.topic.kind !== 'merchant') query.andWhere(TOPIC_COLUMN[q.topic.kind], q.topic.id);
  if (q.types?.length) query.whereIn('type', q.types);
  if (q.storeIds) query.whereIn('store_id', q.storeIds);
  const rows = await query.orderBy('seq').limit(q.limit);
  return rows.map(eventFromRow);
}

export async function findEvent(db: Db, key: ChannelKey, seq: number): Promise<StoredEvent | undefined> {
  const row = await db('events').where({ merchant_id: key.merchantId, environment: key.environment, seq }).first();
  return row ? eventFromRow(row) : undefined;
}

export const eventFromRow = (r: Record<string, unknown>): StoredEvent => ({
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  seq: Number(r.seq),
  id: r.id as string,
  type: r.type as EventType,
  orderId: (r.order_id as string | null) ?? null,
  storeId: (r.store_id as string | null) ?? null,
  tillId: (r.till_id as string | null) ?? null,
  data: r.data as Record<string, unknown>,
  createdAt: r.created_at as Date,
});
