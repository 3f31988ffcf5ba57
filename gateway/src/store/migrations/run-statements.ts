import type { Knex } from 'knex';

/** One statement per call: PGlite runs statements as prepared, and those hold one command each. */
export async function runStatements(knex: Knex, sql: string): Promise<void> {
  for (const statement of sql.split(/;\s*\n/)) if (statement.trim()) await knex.raw(statement);
}
