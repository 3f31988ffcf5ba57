import type { Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { centavosFrom } from '../domain/money.js';
import { matchingOrders, type OrderFilter } from './orders.js';

type Db = Knex | Knex.Transaction;

/** One wallet's day: orders created, orders paid and what they paid, what was refunded (by refund date). */
export interface DailySalesRow {
  /** `YYYY-MM-DD` in the time zone asked for. */
  date: string;
  wallet: Wallet;
  orders: number;
  approved: number;
  gross: number;
  refunded: number;
}

/** Days `YYYY-MM-DD`, both included. */
export interface DayRange {
  first: string;
  last: string;
}

/**
 * The filter's orders over a range of days, grouped by day in `timeZone` and by wallet, in one statement: the
 * range's bounds and each instant's day are the database's `AT TIME ZONE`, so a sale at 23:30 in São Paulo is that
 * day's, not UTC's next. Refunds count when they settled; failed ones and the automatic return of a late
 * payment (never part of an order's paid amount) do not.
 */
export async function dailySales(db: Db, f: OrderFilter, days: DayRange, timeZone: string): Promise<DailySalesRow[]> {
  const start = db.raw('(?::date)::timestamp AT TIME ZONE ?', [days.first, timeZone]);
  const stop = db.raw(`((?::date) + 1)::timestamp AT TIME ZONE ?`, [days.last, timeZone]);
  const day = (column: string) => db.raw(`to_char(${column} AT TIME ZONE ?, 'YYYY-MM-DD') AS date`, [timeZone]);
  const within = (column: string) => db.raw(`${column} >= ? AND ${column} < ?`, [start, stop]);

  const created = matchingOrders(db, f)
    .whereRaw(within('created_at'))
    .select(
      day('created_at'),
      'wallet',
      db.raw('1 AS orders, 0 AS approved, 0::bigint AS gross, 0::bigint AS refunded'),
    );
  const paid = matchingOrders(db, f)
    .whereRaw(within('paid_at'))
    .select(day('paid_at'), 'wallet', db.raw('0, 1, paid_amount, 0::bigint'));
  const refunded = db('refunds as r')
    .join(matchingOrders(db, f).select('id', 'wallet').as('o'), 'o.id', 'r.order_id')
    .where({
      'r.merchant_id': f.merchantId,
      'r.environment': f.environment,
      'r.status': 'succeeded',
      'r.automatic': false,
    })
    .whereRaw(within('r.settled_at'))
    .select(day('r.settled_at'), 'o.wallet', db.raw('0, 0, 0::bigint, r.amount'));

  const result = await db.raw(
    `SELECT date, wallet, sum(orders)::int AS orders, sum(approved)::int AS approved,
            sum(gross) AS gross, sum(refunded) AS refunded
       FROM (? UNION ALL ? UNION ALL ?) AS facts
      GROUP BY date, wallet ORDER BY date, wallet`,
    [created, paid, refunded],
  );
  return (result.rows as Array<Record<string, unknown>>).map((r) => ({
    date: r.date as string,
    wallet: r.wallet as Wallet,
    orders: Number(r.orders),
    approved: Number(r.approved),
    gross: centavosFrom(r.gross as string),
    refunded: centavosFrom(r.refunded as string),
  }));
}
