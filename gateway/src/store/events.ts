import type { Environment, EventType } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { Topic } from '../events/topics.js';

type Db = Knex | Knex.Transaction;

export interface ChannelKey {
  merchantId: string;
  environment: Environment;
}

/** An event about to be written; `data` is the snapshot of the order (and refund) after the change. */
export interface EventDraft {
  id: string;
  type: EventType;
  orderId: string;
  storeId: string;
  tillId: string;
  data: Record<string, unknown>;
}

export interface StoredEvent extends EventDraft {
  merchantId: string;
  environment: Environment;
  seq: number;
  createdAt: Date;
}

/**
 * Allocates consecutive seqs and writes the events in one statement. The counter row stays locked
 * until the transaction ends, so events of one merchant environment commit in seq order: whoever
 * sees seq N can read every seq below it.
 */
export async function appendEvents(
  trx: Knex.Transaction,
  key: ChannelKey,
  drafts: EventDraft[],
  now: Date,
): Promise<StoredEvent[]> {
  const rows = drafts.map((d, i) => ({
    ord: i + 1,
    id: d.id,
    type: d.type,
    order_id: d.orderId,
    store_id: d.storeId,
    till_id: d.tillId,
    data: d.data,
  }));
  const result = await trx.raw(
    `WITH counter AS (
       INSERT INTO event_sequences (merchant_id, environment, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (merchant_id, environment) DO UPDATE SET last_seq = event_sequences.last_seq + EXCLUDED.last_seq
       RETURNING last_seq
     )
     INSERT INTO events (merchant_id, environment, seq, id, type, order_id, store_id, till_id, data, created_at)
     SELECT ?, ?, counter.last_seq - ? + e.ord, e.id, e.type, e.order_id, e.store_id, e.till_id, e.data, ?
     FROM counter, jsonb_to_recordset(?::jsonb) AS e(ord int, id text, type text, order_id text, store_id text, till_id text, data jsonb)
     RETURNING seq, id`,
    [
      key.merchantId,
      key.environment,
      drafts.length,
      key.merchantId,
      key.environment,
      drafts.length,
      now,
      JSON.stringify(rows),
    ],
  );
  const seqById = new Map<string, number>(
    (result.rows as { seq: string; id: string }[]).map((r) => [r.id, Number(r.seq)]),
  );
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
  const rows = await query.orderBy('seq').limit(q.limit);
  return rows.map((r: Record<string, unknown>) => ({
    merchantId: r.merchant_id as string,
    environment: r.environment as Environment,
    seq: Number(r.seq),
    id: r.id as string,
    type: r.type as EventType,
    orderId: r.order_id as string,
    storeId: r.store_id as string,
    tillId: r.till_id as string,
    data: r.data as Record<string, unknown>,
    createdAt: r.created_at as Date,
  }));
}
