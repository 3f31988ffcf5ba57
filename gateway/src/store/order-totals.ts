import type { OrderStatus, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { centavosFrom } from '../domain/money.js';
import { matchingOrders, type OrderFilter } from './orders.js';

type Db = Knex | Knex.Transaction;

/** The matching orders of one status and wallet, summed. */
export interface OrderGroupTotals {
  status: OrderStatus;
  wallet: Wallet;
  count: number;
  amount: number;
  paidAmount: number;
  refundedAmount: number;
}

/** One statement over the same filter as the list, grouped by status and wallet (at most 36 rows). */
export async function totalOrders(db: Db, f: OrderFilter): Promise<OrderGroupTotals[]> {
  const rows: Array<Record<string, unknown>> = await matchingOrders(db, f)
    .select(
      'status',
      'wallet',
      db.raw('count(*) AS count'),
      db.raw('coalesce(sum(amount), 0) AS amount'),
      db.raw('coalesce(sum(paid_amount), 0) AS paid_amount'),
      db.raw('coalesce(sum(refunded_amount), 0) AS refunded_amount'),
    )
    .groupBy('status', 'wallet');
  return rows.map((r) => ({
    status: r.status as OrderStatus,
    wallet: r.wallet as Wallet,
    count: Number(r.count),
    amount: centavosFrom(r.amount as string),
    paidAmount: centavosFrom(r.paid_amount as string),
    refundedAmount: centavosFrom(r.refunded_amount as string),
  }));
}
