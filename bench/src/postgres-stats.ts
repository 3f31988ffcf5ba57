import pg from 'pg';
import { cpuNs } from './cpu.js';

/**
 * A session on the maintenance database of `databaseUrl`'s server, and the name of `databaseUrl`'s
 * database: counters and backends are read from there, so reading them adds nothing to the database's own.
 */
export async function maintenanceSession(databaseUrl: string): Promise<{ admin: pg.Client; database: string }> {
  const url = new URL(databaseUrl);
  const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
  await admin.connect();
  return { admin, database: url.pathname.slice(1) };
}

/** What PostgreSQL counts for one database, in pg_stat_database. */
export interface DatabaseCounters {
  commits: number;
  rollbacks: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  rowsFetched: number;
}

/**
 * The counters of `database`, read from another database's session. A backend hands its counts over when
 * it has been idle a while or when it exits, so they are exact only once every session of the database
 * has ended: read them before a gateway starts and after it has stopped (`settledCounters`).
 */
export async function databaseCounters(admin: pg.Client, database: string): Promise<DatabaseCounters> {
  const { rows } = await admin.query(
    `SELECT xact_commit AS commits, xact_rollback AS rollbacks, tup_inserted AS "rowsInserted",
            tup_updated AS "rowsUpdated", tup_deleted AS "rowsDeleted", tup_fetched AS "rowsFetched"
       FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  const row = rows[0] as Record<keyof DatabaseCounters, string> | undefined;
  if (!row) throw new Error(`no statistics for database ${database}`);
  return {
    commits: Number(row.commits),
    rollbacks: Number(row.rollbacks),
    rowsInserted: Number(row.rowsInserted),
    rowsUpdated: Number(row.rowsUpdated),
    rowsDeleted: Number(row.rowsDeleted),
    rowsFetched: Number(row.rowsFetched),
  };
}

export const difference = (after: DatabaseCounters, before: DatabaseCounters): DatabaseCounters => ({
  commits: after.commits - before.commits,
  rollbacks: after.rollbacks - before.rollbacks,
  rowsInserted: after.rowsInserted - before.rowsInserted,
  rowsUpdated: after.rowsUpdated - before.rowsUpdated,
  rowsDeleted: after.rowsDeleted - before.rowsDeleted,
  rowsFetched: after.rowsFetched - before.rowsFetched,
});

/**
 * The counters of `database` once every session of it has ended and handed over its counts. An exiting
 * backend leaves pg_stat_activity a moment before it flushes its counts, so the counters are read until
 * two readings 200 ms apart agree.
 */
export async function settledCounters(
  admin: pg.Client,
  database: string,
  timeoutMs = 10_000,
): Promise<DatabaseCounters> {
  const until = Date.now() + timeoutMs;
  let last: DatabaseCounters | undefined;
  while (Date.now() < until) {
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
      database,
    ]);
    if (rows[0]?.n === 0) {
      const now = await databaseCounters(admin, database);
      if (last && JSON.stringify(now) === JSON.stringify(last)) return now;
      last = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the counters of ${database} did not settle within ${timeoutMs} ms`);
}

/** The server's write-ahead log position, for the bytes written between two readings (the whole server's). */
export async function walPosition(admin: pg.Client): Promise<string> {
  const { rows } = await admin.query('SELECT pg_current_wal_lsn()::text AS lsn');
  return rows[0]?.lsn as string;
}

export async function walBytesSince(admin: pg.Client, from: string): Promise<number> {
  const { rows } = await admin.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS bytes', [
    from,
  ]);
  return Number(rows[0]?.bytes);
}

/**
 * CPU ns of each server process (backend) serving `database`, by pid: PostgreSQL runs on this machine,
 * so its backends' schedstat is readable here.
 */
export async function backendCpu(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  return new Map(rows.map((r: { pid: number }) => [r.pid, cpuNs(r.pid)]));
}

/** CPU ns the backends spent between two readings; a backend that started meanwhile counts from zero. */
export function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let ns = 0;
  for (const [pid, now] of after) ns += now - (before.get(pid) ?? 0);
  return ns;
}
