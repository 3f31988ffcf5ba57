import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Refunds the merchant did not start. `initiated_by`: 'merchant' (through the gateway; the default) or
 * 'payer_bank' (a devolução the payer's bank took through the MED). `natureza`: the API Pix nature of the
 * devolução when the provider told it. `provider_refund_id`: the provider's id of a refund the gateway did
 * not ask for (the devolução id), unique per payment so a repeated notification or a second instance
 * records it once.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE refunds ADD COLUMN initiated_by text NOT NULL DEFAULT 'merchant'
      CHECK (initiated_by IN ('merchant', 'payer_bank'));
    ALTER TABLE refunds ADD COLUMN natureza text
      CHECK (natureza IN ('ORIGINAL', 'RETIRADA', 'MED_OPERACIONAL', 'MED_FRAUDE', 'MED_PIX_AUTOMATICO'));
    ALTER TABLE refunds ADD COLUMN provider_refund_id text;
    CREATE UNIQUE INDEX refunds_provider_refund ON refunds (provider_payment_id, provider_refund_id)
      WHERE provider_refund_id IS NOT NULL;
    `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP INDEX refunds_provider_refund;
    ALTER TABLE refunds DROP COLUMN provider_refund_id;
    ALTER TABLE refunds DROP COLUMN natureza;
    ALTER TABLE refunds DROP COLUMN initiated_by;
    `,
  );
}
