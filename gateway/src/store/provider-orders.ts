import type { Knex } from 'knex';
import type { ProviderAccount } from '../adapters/types.js';
import { ORDER_COLUMNS, type OrderRecord, orderFromRow } from './orders.js';
import { Statement } from './prepared.js';
import { ACCOUNT_COLUMNS, accountFromRow } from './wallets.js';

type Db = Knex | Knex.Transaction;

const orderAndAccountById = new Statement<{ id: string }>(
  'find_order_and_account',
  `SELECT ${ORDER_COLUMNS.map((c) => `o.${c}`).join(', ')},
          jsonb_build_object(${ACCOUNT_COLUMNS.map((c) => `'${c}', a.${c}`).join(', ')}) AS account
     FROM orders o LEFT JOIN provider_accounts a ON a.id = o.provider_account_id
    WHERE o.id = :id`,
);

/**
 * An order with the provider account that holds its charge, in one round trip, for the paths that call the
 * provider right after reading the order: the sandbox's payment and a refund's call.
 */
export async function findOrderWithAccount(
  db: Db,
  id: string,
): Promise<{ order: OrderRecord; account: ProviderAccount } | undefined> {
  const [row] = await orderAndAccountById.rows(db, { id });
  if (!row) return undefined;
  const order = orderFromRow(row);
  const account = row.account as Parameters<typeof accountFromRow>[0];
  if (account.id === null) throw missingAccount(order);
  return { order, account: accountFromRow(account) };
}

/** An order's provider account is never deleted: its absence is a broken database, not a bad request. */
export const missingAccount = (order: OrderRecord): Error =>
  new Error(`provider account ${order.providerAccountId} of order ${order.id} is missing`);

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
