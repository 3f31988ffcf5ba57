import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { migrationSource } from './migrations/index.js';
import { PgliteThread } from './pglite-thread.js';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly backend: Backend;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; absent means the embedded PGlite. */
  url?: string | undefined;
  /** Where PGlite keeps its files; absent means in memory. */
  dataDir?: string | undefined;
  poolMax?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const backend: Backend = options.url ? 'postgres' : 'pglite';
  const db =
    backend === 'postgres'
      ? knex({
          client: 'pg',
          connection: { connectionString: options.url },
          pool: { min: 0, max: options.poolMax ?? 10 },
        })
      : knex({
          client: ClientPgLite,
          dialect: 'postgres',
          connection: { pglite: new PgliteThread(pgliteDir(options.dataDir)) } as Knex.Config['connection'],
        });
  await db.migrate.latest({ migrationSource });
  return { knex: db, backend, close: () => db.destroy() };
}

/** Where PGlite keeps its files under `dataDir`; none means in memory. */
function pgliteDir(dataDir: string | undefined): string | undefined {
  if (!dataDir) return undefined;
  const dir = path.join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return dir;
}
