import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface IdempotencyRecord {
  requestHash: string;
  responseStatus: number;
  resourceId: string;
}

/** Where a key is kept: the caller's namespace for the operation, and the key the caller sent. */
export interface IdempotencyKeyRef {
  scope: string;
  key: string;
}

/** The row a write that claims its key leaves: a retry with the key answers with `resourceId`. */
export type IdempotencyClaim = IdempotencyKeyRef & IdempotencyRecord;

export async function findIdempotencyRecord(
  db: Db,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const row = await db('idempotency_keys').where({ scope, key }).first();
  return row
    ? { requestHash: row.request_hash, responseStatus: row.response_status, resourceId: row.resource_id }
    : undefined;
}

/**
 * Claims the key inside the write's transaction. A concurrent holder of the same key blocks this
 * insert until it commits; then the claim fails and the caller answers with the winner's resource.
 */
export async function claimIdempotencyKey(trx: Knex.Transaction, claim: IdempotencyClaim, now: Date): Promise<boolean> {
  const rows = await trx('idempotency_keys')
    .insert({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.requestHash,
      response_status: claim.responseStatus,
      resource_id: claim.resourceId,
      created_at: now,
    })
    .onConflict(['scope', 'key'])
    .ignore()
    .returning('key');
  return rows.length === 1;
}
