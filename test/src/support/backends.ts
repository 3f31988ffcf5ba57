import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Where a gateway under test keeps its data: a fresh PostgreSQL database, or a fresh PGlite directory. */
export interface Storage {
  databaseUrl?: string;
  dataDir?: string;
  drop(): Promise<void>;
}

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Why this backend cannot run here, if it cannot. */
  unavailable?: string;
  create(): Promise<Storage>;
}

const ADMIN_URL = process.env.TILLGATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${ADMIN_URL} is not answering (${(err as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

export const pglite: Backend = {
  name: 'pglite',
  async create() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tillgate-test-'));
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

function postgres(unavailable: string | undefined): Backend {
  return {
    name: 'postgres',
    ...(unavailable ? { unavailable } : {}),
    async create() {
      const name = `tillgate_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      return {
        databaseUrl: url.toString(),
        async drop() {
          const client = new pg.Client({ connectionString: ADMIN_URL });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await client.end();
        },
      };
    },
  };
}

/**
 * Both storage backends. Without PostgreSQL its suites are skipped with the reason printed, unless
 * TILLGATE_REQUIRE_SERVICES=1 (CI), which makes them fail instead.
 */
export async function backends(): Promise<Backend[]> {
  const problem = await postgresProblem();
  if (problem && process.env.TILLGATE_REQUIRE_SERVICES === '1')
    throw new Error(`${problem}; TILLGATE_REQUIRE_SERVICES=1 needs it`);
  if (problem)
    console.warn(`Skipping the PostgreSQL suites: ${problem}. Set TILLGATE_REQUIRE_SERVICES=1 to fail instead.`);
  return [pglite, postgres(problem)];
}
