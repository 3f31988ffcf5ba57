import type { Knex } from 'knex';
import {
  appendEventsCtes,
  type ChannelKey,
  DRAFT_COLUMNS,
  draftRow,
  type EventDraft,
  type StoredEvent,
  storedEvents,
} from './events.js';
import { GroupedWrites } from './grouped-writes.js';
import type { IdempotencyClaim, IdempotencyKeyRef, IdempotencyRecord } from './idempotency.js';
import { freshRow, type OrderRecord } from './orders.js';
import { Statement } from './prepared.js';
import { CHARGE_TARGET_SQL, type ChargeTarget, type ChargeTargetQuery, chargeTargetFromRow } from './wallets.js';

/**
 * The two statements of an order create's common case: one read, then one write that is its own
 * transaction. Each round trip to the database costs more here than the SQL it carries; both are prepared.
 */

const createContext = new Statement<ChargeTargetQuery & { scope: string | null; key: string | null }>(
  'create_context',
  `SELECT target.*, prev.request_hash, prev.response_status, prev.resource_id
     FROM (SELECT 1) AS one
     LEFT JOIN (${CHARGE_TARGET_SQL} WHERE t.id = :tillId AND t.merchant_id = :merchantId AND t.active) AS target ON true
     LEFT JOIN idempotency_keys prev ON prev.scope = :scope AND prev.key = :key`,
);

/** The till's charge target and, if the key was used before, its record; in one query. */
export async function readCreateContext(
  db: Knex,
  q: ChargeTargetQuery,
  claim: IdempotencyKeyRef | undefined,
): Promise<{ target: ChargeTarget | undefined; previous: IdempotencyRecord | undefined }> {
  const [row] = await createContext.rows(db, { ...q, scope: claim?.scope ?? null, key: claim?.key ?? null });
  return {
    target: chargeTargetFromRow(row),
    previous: row?.resource_id
      ? {
          requestHash: row.request_hash as string,
          responseStatus: row.response_status as number,
          resourceId: row.resource_id as string,
        }
      : undefined,
  };
}

/**
 * Claims the idempotency key, inserts the order and appends its `order.created` event, in one statement
 * (so one implicit transaction), unless the till has a pending order with the same reference, which
 * needs the replacing path. A twin a concurrent statement inserts meets this one in the unique index.
 *
 * Creates that arrive while `LANES` statements are in flight are written together, up to `MOST_PLACED` in
 * one statement (`GroupedWrites`): one commit, one round trip and one take of each seq counter for all.
 */
export function placeOrder(db: Knex, p: Placement): Promise<PlaceOutcome> {
  let group = groups.get(db);
  if (!group) {
    group = new GroupedWrites({ lanes: LANES, most: MOST_PLACED, write: (batch) => placeAll(db, batch), names });
    groups.set(db, group);
  }
  return group.add(p);
}

/**
 * Statements of placements in flight at once, per database; more creates wait and go together. Two keep one
 * statement committing while the next is written; with four, at 16 connections, most went alone.
 */
const LANES = 2;
const MOST_PLACED = 32;

const groups = new WeakMap<Knex, GroupedWrites<Placement, PlaceOutcome>>();

/**
 * In one statement two placements of one till and reference, or of one idempotency key, would not see each
 * other: the second would meet the first in a unique index and fail the batch.
 */
const names = ({ order, claim }: Placement) => [
  `ref ${order.tillId} ${order.orderRef}`,
  ...(claim ? [`key ${claim.scope} ${claim.key}`] : []),
];

export type PlaceOutcome =
  | { outcome: 'created'; events: StoredEvent[] }
  /** A concurrent or earlier request holds the idempotency key; nothing was written. */
  | { outcome: 'key_taken' }
  /** The till has a pending order with this reference to replace; nothing was written. */
  | { outcome: 'pending_twin' };

export interface Placement {
  key: ChannelKey;
  order: OrderRecord;
  event: EventDraft;
  claim: IdempotencyClaim | undefined;
  now: Date;
}

/**
 * Each placement of the batch (`n` its place in it) claims its idempotency key, inserts its order and
 * appends its `order.created` event, unless its till has a pending order with the same reference, which
 * needs the replacing path; all in one statement, so one implicit transaction and one commit. The events
 * take their seqs in the batch's order within each merchant environment. The orders are inserted before
 * the seq counters are taken (the drafts wait on `placed`), so a counter row stays locked only for the
 * events and the commit.
 */
const placements = new Statement<
  { batch: string },
  { n: number; twin: boolean; seq: string | null; id: string | null }
>(
  'place_orders',
  `WITH req AS (
     SELECT * FROM jsonb_to_recordset(:batch::jsonb) AS r(
       n int, merchant_id text, environment text, now timestamptz, till_id text, order_ref text, claiming boolean,
       scope text, key text, request_hash text, response_status int, resource_id text, "order" jsonb, event jsonb)
   ),
   -- A lateral probe with a limit, so the plan, cached while the table was small, stays one index probe a
   -- placement rather than a hash of every pending order.
   twin AS (
     SELECT r.n FROM req r CROSS JOIN LATERAL (
       SELECT 1 FROM orders o WHERE o.till_id = r.till_id AND o.order_ref = r.order_ref AND o.status = 'pending' LIMIT 1
     ) AS pending
   ),
   claim AS (
     INSERT INTO idempotency_keys (scope, key, request_hash, response_status, resource_id, created_at)
     SELECT r.scope, r.key, r.request_hash, r.response_status, r.resource_id, r.now FROM req r
      WHERE r.claiming AND r.n NOT IN (SELECT n FROM twin)
     ON CONFLICT (scope, key) DO NOTHING
     RETURNING scope, key
   ),
   go AS (
     SELECT r.* FROM req r
      WHERE r.n NOT IN (SELECT n FROM twin)
        AND (NOT r.claiming OR EXISTS (SELECT 1 FROM claim c WHERE c.scope = r.scope AND c.key = r.key))
   ),
   placed AS (
     INSERT INTO orders SELECT fresh.* FROM go, jsonb_populate_record(NULL::orders, go."order") AS fresh
     RETURNING id
   ),
   drafts AS (
     SELECT go.merchant_id, go.environment, e.*, go.now AS created_at
       FROM go JOIN placed p ON p.id = go."order"->>'id', jsonb_to_record(go.event) AS e(${DRAFT_COLUMNS})
   ),
   ${appendEventsCtes('drafts')}
   SELECT r.n, r.n IN (SELECT n FROM twin) AS twin, i.seq, i.id
     FROM req r LEFT JOIN inserted i ON i.order_id = r."order"->>'id'`,
);

/** Places a batch in one statement; each placement's outcome, in the batch's order. */
async function placeAll(db: Knex, batch: readonly Placement[]): Promise<PlaceOutcome[]> {
  const rows = await placements.rows(db, {
    batch: JSON.stringify(
      batch.map((p, i) => ({
        n: i + 1,
        merchant_id: p.key.merchantId,
        environment: p.key.environment,
        now: p.now,
        till_id: p.order.tillId,
        order_ref: p.order.orderRef,
        claiming: p.claim !== undefined,
        scope: p.claim?.scope ?? null,
        key: p.claim?.key ?? null,
        request_hash: p.claim?.requestHash ?? null,
        response_status: p.claim?.responseStatus ?? null,
        resource_id: p.claim?.resourceId ?? null,
        order: freshRow(p.order),
        // Its place in the batch orders its seq among its channel's.
        event: draftRow(p.event, i + 1),
      })),
    ),
  });
  const byN = new Map(rows.map((r) => [r.n, r]));
  return batch.map((p, i): PlaceOutcome => {
    const row = byN.get(i + 1);
    if (row?.id && row.seq)
      return { outcome: 'created', events: storedEvents(p.key, [p.event], p.now, [{ seq: row.seq, id: row.id }]) };
    return { outcome: row?.twin ? 'pending_twin' : 'key_taken' };
  });
}
