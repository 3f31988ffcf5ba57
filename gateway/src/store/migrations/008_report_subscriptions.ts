import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Report subscriptions: a recipient, a report and a schedule; and one sending per (subscription,
 * period), whose unique key is the claim that makes a period go out once however many instances plan
 * it, with its attempts while SMTP fails.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE report_subscriptions (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      email text NOT NULL,
      report text NOT NULL CHECK (report IN ('sales', 'daily')),
      format text NOT NULL CHECK (format IN ('xlsx', 'csv', 'csv-br')),
      store_id text REFERENCES stores(id),
      frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
      status text NOT NULL CHECK (status IN ('pending_confirmation', 'active', 'unsubscribed')),
      created_by text NOT NULL,
      confirmed_at timestamptz,
      last_sent_at timestamptz,
      -- When the scheduler next plans a sending, null unless active.
      next_send_at timestamptz,
      last_error text,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX report_subscriptions_merchant_recent
      ON report_subscriptions (merchant_id, environment, created_at DESC, id DESC);
    CREATE INDEX report_subscriptions_due ON report_subscriptions (next_send_at) WHERE status = 'active';

    CREATE TABLE report_sendings (
      id text PRIMARY KEY,
      subscription_id text NOT NULL REFERENCES report_subscriptions(id) ON DELETE CASCADE,
      -- Days (YYYY-MM-DD) on the merchant calendar, kept as text: a date column would come back shifted by the driver.
      period_first text NOT NULL,
      period_last text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL,
      UNIQUE (subscription_id, period_first)
    );
    CREATE INDEX report_sendings_due ON report_sendings (next_attempt_at) WHERE status = 'pending'
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, 'DROP TABLE report_sendings;\nDROP TABLE report_subscriptions');
}
