import type { Knex } from 'knex';
import {
  appendEventsCtes,
  type ChannelKey,
  draftsBindings,
  draftsCte,
  type EventDraft,
  type StoredEvent,
  storedEvents,
} from './events.js';
import type { IdempotencyClaim, IdempotencyKeyRef, IdempotencyRecord } from './idempotency.js';
import { freshRowJson, type OrderRecord } from './orders.js';
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

export type PlaceOutcome =
  | { outcome: 'created'; events: StoredEvent[] }
  /** A concurrent or earlier request holds the idempotency key; nothing was written. */
  | { outcome: 'key_taken' }
  /** The till has a pending order with this reference to replace; nothing was written. */
  | { outcome: 'pending_twin' };

const placement = new Statement<Record<string, unknown>, { twin: boolean; seq: string | null; id: string | null }>(
  'place_order',
  `WITH twin AS (
     SELECT 1 FROM orders WHERE till_id = :tillId AND order_ref = :orderRef AND status = 'pending' LIMIT 1
   ),
   claim AS (
     INSERT INTO idempotency_keys (scope, key, request_hash, response_status, resource_id, created_at)
     SELECT :scope, :idempotencyKey, :requestHash, :responseStatus::int, :resourceId, :now::timestamptz
      WHERE :claiming::boolean AND NOT EXISTS (SELECT 1 FROM twin)
     ON CONFLICT (scope, key) DO NOTHING
     RETURNING 1
   ),
   go AS (
     SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM twin) AND (NOT :claiming::boolean OR EXISTS (SELECT 1 FROM claim))
   ),
   placed AS (
     INSERT INTO orders SELECT fresh.* FROM jsonb_populate_record(NULL::orders, :order::jsonb) AS fresh, go
     RETURNING id
   ),
   ${draftsCte('placed')},
   ${appendEventsCtes('drafts')}
   SELECT EXISTS (SELECT 1 FROM twin) AS twin, i.seq, i.id FROM (SELECT 1) AS one LEFT JOIN inserted i ON true`,
);

/**
 * Claims the idempotency key, inserts the order and appends its `order.created` event, in one statement
 * (so one implicit transaction), unless the till has a pending order with the same reference, which
 * needs the replacing path. A twin a concurrent statement inserts meets this one in the unique index.
 */
export async function placeOrder(
  db: Knex,
  p: {
    key: ChannelKey;
    order: OrderRecord;
    event: EventDraft;
    claim: IdempotencyClaim | undefined;
    now: Date;
  },
): Promise<PlaceOutcome> {
  const [row] = await placement.rows(db, {
    ...draftsBindings(p.key, [p.event], p.now),
    tillId: p.order.tillId,
    orderRef: p.order.orderRef,
    claiming: p.claim !== undefined,
    scope: p.claim?.scope ?? null,
    idempotencyKey: p.claim?.key ?? null,
    requestHash: p.claim?.requestHash ?? null,
    responseStatus: p.claim?.responseStatus ?? null,
    resourceId: p.claim?.resourceId ?? null,
    order: freshRowJson(p.order),
  });
  if (row?.id && row.seq)
    return { outcome: 'created', events: storedEvents(p.key, [p.event], p.now, [{ seq: row.seq, id: row.id }]) };
  return { outcome: row?.twin ? 'pending_twin' : 'key_taken' };
}
