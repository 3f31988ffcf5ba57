import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * A till's QR mode (dynamic, static, hybrid) and its printed QR at each provider account: the fixed
 * location created once at the provider (`location_ref`, Pix's `loc.id`), the code printed from it, and
 * the charge linked to it now (`linked_charge_ref`, at most one), with the order it charges.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE tills ADD COLUMN qr_mode text NOT NULL DEFAULT 'dynamic' CHECK (qr_mode IN ('dynamic', 'static', 'hybrid'));
    CREATE TABLE till_fixed_qrs (
      till_id text NOT NULL REFERENCES tills(id),
      provider_account_id text NOT NULL REFERENCES provider_accounts(id),
      location_ref text NOT NULL,
      qr_code_text text NOT NULL,
      linked_charge_ref text,
      linked_order_id text,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (till_id, provider_account_id)
    )
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE till_fixed_qrs;
    ALTER TABLE tills DROP COLUMN qr_mode
  `,
  );
}
