import type { CancelReason, Environment, OrderStatus, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { centavosFrom } from '../domain/money.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

/** The orders of a sales file: created in `[from, to)`, with the payments filters and the requester's stores. */
export interface SalesQuery {
  merchantId: string;
  environment: Environment;
  from: Date;
  to: Date;
  storeId?: string | undefined;
  /** The stores a limited requester may see; absent: every store. */
  storeIds?: readonly string[] | undefined;
  status?: OrderStatus | undefined;
  wallet?: Wallet | undefined;
  tillId?: string | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
}

/** One line of a sales file, with the names a merchant reads instead of ids. */
export interface SalesRow {
  orderId: string;
  createdAt: Date;
  amount: number;
  storeName: string;
  tillName: string;
  accountName: string | null;
  status: OrderStatus;
  orderRef: string;
  wallet: Wallet;
  provider: string;
  paidAmount: number;
  refundedAmount: number;
  paidAt: Date | null;
  paymentId: string | null;
  cancelReason: CancelReason | null;
}

function matching(db: Db, q: SalesQuery): Knex.QueryBuilder {
  const query = db('orders as o')
    .where({ 'o.merchant_id': q.merchantId, 'o.environment': q.environment })
    .andWhere('o.created_at', '>=', q.from)
    .andWhere('o.created_at', '<', q.to);
  if (q.storeId) query.andWhere('o.store_id', q.storeId);
  if (q.storeIds) query.whereIn('o.store_id', q.storeIds);
  if (q.status) query.andWhere('o.status', q.status);
  if (q.wallet) query.andWhere('o.wallet', q.wallet);
  if (q.tillId) query.andWhere('o.till_id', q.tillId);
  if (q.amountMin !== undefined) query.andWhere('o.amount', '>=', q.amountMin);
  if (q.amountMax !== undefined) query.andWhere('o.amount', '<=', q.amountMax);
  return query;
}

export async function countSales(db: Db, q: SalesQuery): Promise<number> {
  const row = await matching(db, q).count<{ n: string | number }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * The next `limit` rows after `after`, oldest first. Paging by the last row's key (not an offset, not
 * a cursor held open) keeps memory bounded on both backends and each query short.
 */
export async function salesBatch(
  db: Db,
  q: SalesQuery,
  after: { createdAt: Date; orderId: string } | undefined,
  limit: number,
): Promise<SalesRow[]> {
  const query = matching(db, q)
    .join('stores as s', 's.id', 'o.store_id')
    .join('tills as t', 't.id', 'o.till_id')
    .leftJoin('provider_accounts as pa', 'pa.id', 'o.provider_account_id')
    .select(
      'o.id',
      'o.created_at',
      'o.amount',
      'o.status',
      'o.order_ref',
      'o.wallet',
      'o.provider',
      'o.paid_amount',
      'o.refunded_amount',
      'o.paid_at',
      'o.cancel_reason',
      db.raw(`o.payment->>'provider_payment_id' AS payment_id`),
      's.name as store_name',
      't.name as till_name',
      'pa.name as account_name',
    );
  if (after) query.andWhereRaw('(o.created_at, o.id) > (?, ?)', [after.createdAt, after.orderId]);
  const rows: Row[] = await query.orderBy([{ column: 'o.created_at' }, { column: 'o.id' }]).limit(limit);
  return rows.map((r) => ({
    orderId: r.id as string,
    createdAt: r.created_at as Date,
    amount: centavosFrom(r.amount as string),
    storeName: r.store_name as string,
    tillName: r.till_name as string,
    accountName: (r.account_name as string | null) ?? null,
    status: r.status as OrderStatus,
    orderRef: r.order_ref as string,
    wallet: r.wallet as Wallet,
    provider: r.provider as string,
    paidAmount: centavosFrom(r.paid_amount as string),
    refundedAmount: centavosFrom(r.refunded_amount as string),
    paidAt: (r.paid_at as Date | null) ?? null,
    paymentId: (r.payment_id as string | null) ?? null,
    cancelReason: (r.cancel_reason as CancelReason | null) ?? null,
  }));
}
