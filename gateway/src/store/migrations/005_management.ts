import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * What the panel's management API needs: a till's token generation (bumped when it is deactivated, so
 * its tokens are refused) and last log-in (the board's idle flag); indexes that let each instance load
 * recent revocations, revoke a credential's refresh tokens, and read a store's latest payments.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE tills ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
    ALTER TABLE tills ADD COLUMN tokens_revoked_at timestamptz;
    ALTER TABLE tills ADD COLUMN last_login_at timestamptz;
    CREATE INDEX tills_tokens_revoked ON tills (tokens_revoked_at) WHERE tokens_revoked_at IS NOT NULL;
    CREATE INDEX store_credentials_revoked ON store_credentials (revoked_at) WHERE revoked_at IS NOT NULL;
    CREATE INDEX refresh_tokens_credential ON refresh_tokens ((principal->>'credentialKey')) WHERE revoked_at IS NULL;
    CREATE INDEX refresh_tokens_till ON refresh_tokens ((principal->>'tillId')) WHERE revoked_at IS NULL;
    CREATE INDEX refresh_tokens_app ON refresh_tokens ((principal->>'appName')) WHERE revoked_at IS NULL;
    CREATE INDEX orders_store_paid ON orders (store_id, environment, paid_at DESC) WHERE paid_at IS NOT NULL
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP INDEX orders_store_paid;
    DROP INDEX refresh_tokens_app;
    DROP INDEX refresh_tokens_till;
    DROP INDEX refresh_tokens_credential;
    DROP INDEX store_credentials_revoked;
    DROP INDEX tills_tokens_revoked;
    ALTER TABLE tills DROP COLUMN last_login_at;
    ALTER TABLE tills DROP COLUMN tokens_revoked_at;
    ALTER TABLE tills DROP COLUMN token_generation
  `,
  );
}
