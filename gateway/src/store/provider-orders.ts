import type { Knex } from 'knex';
import { type OrderRecord, orderFromRow } from './orders.js';

type Db = Knex | Knex.Transaction;

/** The order a provider knows by this reference at this account, if it is ours. */
export async function findOrderByProviderRef(
  db: Db,
  providerAccountId: string,
  providerRef: string,
): Promise<OrderRecord | undefined> {
  const row = await db('orders').where({ provider_account_id: providerAccountId, provider_ref: providerRef }).first();
  return row ? orderFromRow(row) : undefined;
}

/**
 * Claims orders whose charge is due a re-read: pending ones once `firstAfterMs` old and then when
 * `reconcile_at` comes, closed ones whose last read is still scheduled, and approved Pix orders at each
 * read of their MED watch. Each claimed row's `reconcile_at` moves to `lease`, and SKIP LOCKED lets
 * instances share the work without waiting.
 */
export async function claimOrdersToReconcile(
  trx: Knex.Transaction,
  q: { now: Date; firstAfterMs: number; lease: Date; limit: number },
): Promise<OrderRecord[]> {
  const firstBefore = new Date(q.now.getTime() - q.firstAfterMs);
  const rows = await trx('orders')
    .whereIn(
      'id',
      trx('orders')
        .select('id')
        .where((w) =>
          w
            .where((p) =>
              p
                .where('status', 'pending')
                .andWhere((d) =>
                  d
                    .where('reconcile_at', '<=', q.now)
                    .orWhere((n) => n.whereNull('reconcile_at').andWhere('created_at', '<=', firstBefore)),
                ),
            )
            .orWhere((c) => c.whereIn('status', ['expired', 'cancelled']).andWhere('reconcile_at', '<=', q.now))
            .orWhere((m) =>
              m
                .whereIn('status', ['approved', 'partially_refunded'])
                .andWhere('wallet', 'pix')
                .andWhere('reconcile_at', '<=', q.now),
            ),
        )
        .limit(q.limit)
        .forUpdate()
        .skipLocked(),
    )
    .update({ reconcile_at: q.lease })
    .returning('*');
  return rows.map(orderFromRow);
}

/** When to read this order's charge next; null: never again. */
export async function scheduleReconcile(db: Db, orderId: string, at: Date | null): Promise<void> {
  await db('orders').where({ id: orderId }).update({ reconcile_at: at });
}
