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
 * Inserts the order, claims the idempotency key and appends its `order.created` event, in one statement
 * (so one implicit transaction), unless the till has a pending order with the same reference, which
 * needs the replacing path; a twin a concurrent statement is inserting counts once that one commits.
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
 * Placements that never share a statement. Two of one idempotency key would fail it in the key's unique
 * index. Two of one till and reference are kept apart too, so that the second meets the first as a
 * committed twin and replaces it in its own transaction, as it would one at a time.
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
 * Each placement of the batch (`n` its place in it) inserts its order, claims its idempotency key and
 * appends its `order.created` event, unless its till has a pending order with the same reference, which
 * needs the replacing path; all in one statement, so one implicit transaction and one commit. The events
 * take their seqs in the batch's order within each merchant environment. The orders and keys are written
 * before the seq counters are taken (the drafts wait on them), so a counter row stays locked only for the
 * events and the commit.
 *
 * The pending twin is found by the order insert itself, in the unique index it has to touch anyway, not by
 * a probe of its own: a cached plan of such a probe, made while the table was small, scanned the whole
 * partial index of pending orders (`orders_pending_deadline`, as cheap as one probe then) for each
 * placement. Since the key is claimed after the order, a key another request holds fails the statement
 * (`KEY_TAKEN`) rather than leave an order without its key.
 */
const placements = new Statement<{ batch: string }, { n: number; seq: string | null; id: string | null }>(
  'place_orders',
  `WITH req AS (
     SELECT * FROM jsonb_to_recordset(:batch::jsonb) AS r(
       n int, merchant_id text, environment text, now timestamptz, claiming boolean,
       scope text, key text, request_hash text, response_status int, resource_id text, "order" jsonb, event jsonb)
   ),
   placed AS (
     INSERT INTO orders SELECT fresh.* FROM req, jsonb_populate_record(NULL::orders, req."order") AS fresh
     ON CONFLICT (till_id, order_ref) WHERE status = 'pending' DO NOTHING
     RETURNING id
   ),
   claim AS (
     INSERT INTO idempotency_keys (scope, key, request_hash, response_status, resource_id, created_at)
     SELECT r.scope, r.key, r.request_hash, r.response_status, r.resource_id, r.now
       FROM req r JOIN placed p ON p.id = r."order"->>'id' WHERE r.claiming
     RETURNING scope, key
   ),
   -- Placed, and claimed where claiming: this waits on the claim, so keys are written before the counters
   -- are locked.
   go AS (
     SELECT r.* FROM req r JOIN placed p ON p.id = r."order"->>'id'
      WHERE NOT r.claiming OR EXISTS (SELECT 1 FROM claim c WHERE c.scope = r.scope AND c.key = r.key)
   ),
   drafts AS (
     SELECT go.merchant_id, go.environment, e.*, go.now AS created_at
       FROM go, jsonb_to_record(go.event) AS e(${DRAFT_COLUMNS})
   ),
   ${appendEventsCtes('drafts')}
   SELECT r.n, i.seq, i.id FROM req r LEFT JOIN inserted i ON i.order_id = r."order"->>'id'`,
);

/** The unique violation of a claim whose key a concurrent request holds (a retry sent while the first runs). */
const KEY_TAKEN = { code: '23505', constraint: 'idempotency_keys_pkey' };

/** Places a batch in one statement; each placement's outcome, in the batch's order. */
async function placeAll(db: Knex, batch: readonly Placement[]): Promise<PlaceOutcome[]> {
  let rows: { n: number; seq: string | null; id: string | null }[];
  try {
    rows = await placements.rows(db, batchBindings(batch));
  } catch (err) {
    // In a batch, the fault may be anyone's: GroupedWrites writes each placement again alone.
    if (batch.length === 1 && isKeyTaken(err)) return [{ outcome: 'key_taken' }];
    throw err;
  }
  const byN = new Map(rows.map((r) => [r.n, r]));
  return batch.map((p, i): PlaceOutcome => {
    const row = byN.get(i + 1);
    if (row?.id && row.seq)
      return { outcome: 'created', events: storedEvents(p.key, [p.event], p.now, [{ seq: row.seq, id: row.id }]) };
    return { outcome: 'pending_twin' };
  });
}

const isKeyTaken = (err: unknown) => {
  const pg = err as { code?: string; constraint?: string };
  return pg.code === KEY_TAKEN.code && pg.constraint === KEY_TAKEN.constraint;
};

/** The statement's bindings: the batch as the JSON rows `req` reads. */
function batchBindings(batch: readonly Placement[]) {
  return {
    batch: JSON.stringify(
      batch.map((p, i) => ({
        n: i + 1,
        merchant_id: p.key.merchantId,
        environment: p.key.environment,
        now: p.now,
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
  };
}
