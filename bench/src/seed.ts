import type { Knex } from 'knex';

/**
 * Bulk set-up for the benchmarks that need tens of thousands of rows: each is one INSERT … SELECT that
 * copies a row the gateway itself made (a demo till, an order made through the API) and changes only
 * the identifying columns, so the copies carry whatever columns the schema has today.
 */

/** The id of bench till `i` (1-based) that `cloneTills` makes. */
export const benchTillId = (i: number) => `till_bench_${i}`;

/** `n` tills in the store of the till with client id `template`, active, with client ids `bench-till-1…n`. */
export async function cloneTills(knex: Knex, template: string, n: number): Promise<void> {
  await knex.raw(
    `INSERT INTO tills
     SELECT (jsonb_populate_record(t, jsonb_build_object(
       'id', 'till_bench_' || g, 'client_id', 'bench-till-' || g, 'name', 'Bench till ' || g))).*
       FROM tills t, generate_series(1, ?::int) AS g
      WHERE t.client_id = ?`,
    [n, template],
  );
}

export interface OrderCopies {
  /** How many pending copies. */
  n: number;
  /** The number of the first copy (default 1), so copies made in several calls keep distinct ids. */
  from?: number;
  /** The deadline of the first copy; each next copy's is `spacingMs` later. */
  firstDeadline: Date;
  spacingMs: number;
  /** Copy g belongs to bench till g instead of the template's till. */
  onBenchTills?: boolean;
}

/** Pending copies of order `template`, each with its own id and order_ref. */
export async function cloneOrders(knex: Knex, template: string, copies: OrderCopies): Promise<void> {
  const from = copies.from ?? 1;
  await knex.raw(
    `INSERT INTO orders
     SELECT (jsonb_populate_record(o, jsonb_build_object(
       'id', 'ord_bench_' || g,
       'order_ref', 'BENCH-' || g,
       'status', 'pending',
       'till_id', CASE WHEN ? THEN 'till_bench_' || g ELSE o.till_id END,
       'expires_at', ?::timestamptz + (g - ?) * ? * interval '1 millisecond'))).*
       FROM orders o, generate_series(?::int, ?::int) AS g
      WHERE o.id = ?`,
    [copies.onBenchTills ?? false, copies.firstDeadline, from, copies.spacingMs, from, from + copies.n - 1, template],
  );
}
