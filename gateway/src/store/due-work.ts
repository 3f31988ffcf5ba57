import type { Knex } from 'knex';

/**
 * Claims up to `limit` pending rows of a work table (refunds to drive, webhooks to send) whose
 * `next_attempt_at` has come, oldest first, and pushes it to `leaseUntil`. Rows another instance is
 * claiming are skipped, so instances share the work and no row is worked on twice at once; a row
 * whose worker died comes due again when its lease ends.
 */
export async function claimDueRows(
  trx: Knex.Transaction,
  table: 'refunds' | 'webhook_deliveries',
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<Record<string, unknown>[]> {
  return trx(table)
    .whereIn(
      'id',
      trx(table)
        .select('id')
        .where('status', 'pending')
        .andWhere('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .update({ next_attempt_at: leaseUntil })
    .returning('*');
}
