import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface IdempotencyRecord {
  requestHash: string;
  responseStatus: number;
  resourceId: string;
}

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
export async function claimIdempotencyKey(
  trx: Knex.Transaction,
  scope: string,
  key: string,
  record: IdempotencyRecord,
  now: Date,
): Promise<boolean> {
  const rows = await trx('idempotency_keys')
    .insert({
      scope,
      key,
      request_hash: record.requestHash,
      response_status: record.responseStatus,
      resource_id: record.resourceId,
      created_at: now,
    })
    .onConflict(['scope', 'key'])
    .ignore()
    .returning('key');
  return rows.length === 1;
}
