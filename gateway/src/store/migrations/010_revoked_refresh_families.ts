import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Lets each instance load the refresh families revoked recently (a reused refresh token, a regenerated
 * app secret, a rotated store credential), whose access tokens it then refuses; a partial index, so it
 * holds revoked rows only.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `CREATE INDEX refresh_tokens_revoked ON refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, `DROP INDEX refresh_tokens_revoked`);
}
