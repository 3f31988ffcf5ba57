import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Panel log-in lockouts: failed log-ins in a row per email address (known to an account or not, so the
 * answer never tells which), locked past a threshold until the emailed `unlock` link is opened.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE login_lockouts (
      email text PRIMARY KEY,
      failures integer NOT NULL,
      last_failure_at timestamptz NOT NULL,
      locked_at timestamptz
    );
    ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
    ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
      CHECK (purpose IN ('activate', 'reset', 'invite', 'unlock'))
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DELETE FROM email_tokens WHERE purpose = 'unlock';
    ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
    ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
      CHECK (purpose IN ('activate', 'reset', 'invite'));
    DROP TABLE login_lockouts
  `,
  );
}
