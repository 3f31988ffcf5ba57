import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * A till's printed QR, continued. `link_holder` and `link_lease_until`: the instance relinking the printed QR
 * now and until when, so instances on one database relink a till's printed QR one at a time (an instance that
 * dies mid-link leaves it to the others once its lease ends). `printed_qr_charges`: the second charge of an
 * order at a hybrid till, the one its printed QR pays beside the order's own, so the reconciler reads it and
 * the gateway removes it at the provider when the order ends.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE till_fixed_qrs ADD COLUMN link_holder text;
    ALTER TABLE till_fixed_qrs ADD COLUMN link_lease_until timestamptz;
    CREATE TABLE printed_qr_charges (
      order_id text PRIMARY KEY REFERENCES orders(id),
      provider_ref text NOT NULL
    )
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE printed_qr_charges;
    ALTER TABLE till_fixed_qrs DROP COLUMN link_lease_until;
    ALTER TABLE till_fixed_qrs DROP COLUMN link_holder
  `,
  );
}
