import type { Knex } from 'knex';

/**
 * `reconcile_at`: when the reconciler next re-reads an order's charge at its provider (NULL: not yet
 * scheduled while pending, done once closed). Notifications find orders by their provider reference.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE orders ADD COLUMN reconcile_at timestamptz');
  await knex.raw('CREATE INDEX orders_reconcile_due ON orders (reconcile_at) WHERE reconcile_at IS NOT NULL');
  await knex.raw('CREATE INDEX orders_provider_ref ON orders (provider_account_id, provider_ref)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX orders_provider_ref');
  await knex.raw('DROP INDEX orders_reconcile_due');
  await knex.raw('ALTER TABLE orders DROP COLUMN reconcile_at');
}
