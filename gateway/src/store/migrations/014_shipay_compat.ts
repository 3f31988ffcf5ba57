import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * The Shipay-compatible API's one addition to an order: the UUID a Shipay client knows it by (kept for
 * as long as the order), whether it was made by `/order` or `/orderv`, and its items as the client sent
 * them (Shipay accepts items that do not add up to the total; ours do not). Everything else is the order.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE shipay_orders (
      order_id uuid PRIMARY KEY,
      tillgate_order_id text NOT NULL UNIQUE REFERENCES orders(id),
      kind text NOT NULL CHECK (kind IN ('order', 'orderv')),
      shipay_items jsonb NOT NULL DEFAULT '[]'
    )
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, `DROP TABLE shipay_orders`);
}
