import type { Environment } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { type OrderRecord, orderFromRow } from './orders.js';
import { type Till, tillFromRow } from './tills.js';

type Db = Knex | Knex.Transaction;

export interface BoardTill {
  till: Till;
  lastOrder: OrderRecord | undefined;
  lastLoginAt: Date | null;
}

const TILL_COLUMNS = [
  'id',
  'merchant_id',
  'store_id',
  'client_id',
  'name',
  'category',
  'active',
  'qr_mode',
  'token_generation',
  'created_at',
  'last_login_at',
];

/**
 * A store's active tills, each with its newest order in the environment, in one query: the lateral
 * read walks `orders_till_recent` from the top, so it costs one index probe per till.
 */
export async function boardTills(
  db: Db,
  q: { merchantId: string; environment: Environment; storeId: string; tillId?: string | undefined },
): Promise<BoardTill[]> {
  const tillColumns = TILL_COLUMNS.map((c) => `t.${c} AS t_${c}`).join(', ');
  const result = await db.raw(
    `SELECT o.*, ${tillColumns}
       FROM tills t
       LEFT JOIN LATERAL (
         SELECT * FROM orders o WHERE o.till_id = t.id AND o.environment = ?
          ORDER BY o.created_at DESC, o.id DESC LIMIT 1
       ) o ON true
      WHERE t.merchant_id = ? AND t.store_id = ? AND t.active ${q.tillId ? 'AND t.id = ?' : ''}
      ORDER BY t.name, t.id`,
    [q.environment, q.merchantId, q.storeId, ...(q.tillId ? [q.tillId] : [])],
  );
  return (result.rows as Array<Record<string, unknown>>).map((row) => {
    const till = tillFromRow(Object.fromEntries(TILL_COLUMNS.map((c) => [c, row[`t_${c}`]])));
    return {
      till,
      lastOrder: row.id ? orderFromRow(row) : undefined,
      lastLoginAt: (row.t_last_login_at as Date | null) ?? null,
    };
  });
}

/** The store's latest paid orders, newest payment first. */
export async function latestPayments(
  db: Db,
  q: { environment: Environment; storeId: string; tillId?: string | undefined; limit: number },
): Promise<OrderRecord[]> {
  const query = db('orders')
    .where({ store_id: q.storeId, environment: q.environment })
    .whereNotNull('paid_at')
    .whereIn('status', ['approved', 'partially_refunded', 'refunded']);
  if (q.tillId) query.andWhere('till_id', q.tillId);
  const rows = await query
    .orderBy([
      { column: 'paid_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(q.limit);
  return rows.map(orderFromRow);
}
