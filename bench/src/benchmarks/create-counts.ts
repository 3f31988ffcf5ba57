import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoCredentials } from '@tillgate/gateway';
import type { Storage } from '@tillgate/test/support/backends';
import type pg from 'pg';
import { cpuNs } from '../cpu.js';
import { type BenchGateway, startGatewayProcess } from '../gateway-process.js';
import { allocationRate, isGcLine, parseCollections } from '../gc-trace.js';
import { type LoadResult, orderBody, postLoad } from '../load.js';
import { onPostgres } from '../on-postgres.js';
import {
  backendCpu,
  backendCpuSpent,
  type DatabaseCounters,
  difference,
  maintenanceSession,
  settledCounters,
  walBytesSince,
  walPosition,
} from '../postgres-stats.js';
import type { Benchmark, Row } from '../report.js';
import { type Destination, destinations, straceAvailable, traceWrites } from '../syscall-trace.js';
import { LIMITS_COUNTING } from './limiter-cost.js';

const CREATES = Number(process.env.TILLGATE_BENCH_COUNT_CREATES ?? 2_000);
const CONNECTIONS = 16;
const WARMUP = 200;
/**
 * Under strace, the seconds before the load that show the background's writes per second, and after it
 * that catch work the creates left behind.
 */
const QUIET_SECONDS = 3;
// The gateway's default log level, so the lines counted are those a production start writes.
const GATEWAY_ENV = { ...LIMITS_COUNTING, LOG_LEVEL: 'info' };

/** What a load of creates cost, from the gateway process and from PostgreSQL. */
interface Window {
  load: LoadResult;
  seconds: number;
  gatewayCpuNs: number;
  postgresCpuNs: number;
  walBytes: number;
  /** The gateway's stdout and stderr during the load. */
  output: string;
}

interface Run {
  storage: Storage;
  admin: pg.Client;
  database: string;
  demo: DemoCredentials;
}

/**
 * Counts what one `POST /v1/orders` does, on a gateway process on PostgreSQL at 16 connections: the
 * gateway's CPU, its backends' CPU, commits and rows from pg_stat_database, WAL bytes, JS heap allocated
 * (`--trace-gc`), log lines at the default level and, where strace is installed, socket writes by
 * destination (to PostgreSQL each write is one round trip: `pg` sends a query as one write and waits for
 * its answer). Counts are per create with the gateway's background work (its workers' polls) in: that
 * work waits behind the creates for pool connections under load, so subtracting its idle rate would take
 * off more than it did; the writes row gives that idle rate to bound it. PostgreSQL's statements are not
 * counted: pg_stat_statements needs shared_preload_libraries, which a shared server may not have.
 */
export const createCounts: Benchmark = {
  name: 'create-counts',
  run: () =>
    onPostgres('create-counts', async (postgres) => {
      const storage = await postgres.create();
      const { admin, database } = await maintenanceSession(storage.databaseUrl as string);
      try {
        const seeding = await startGatewayProcess(storage, { env: GATEWAY_ENV });
        await seeding.stop();
        const run: Run = { storage, admin, database, demo: seeding.demo };
        // pg_stat_database is exact only between gateway processes: a run without the load, less, leaves the load.
        const withLoad = await countedRun(run, CREATES);
        const withoutLoad = await countedRun(run, 0);
        const loadCounters = difference(withLoad.database, withoutLoad.database);
        return {
          rows: [
            countsRow(withLoad.window as Window, loadCounters),
            straceAvailable() ? await writesRow(run) : writesSkipped(),
          ],
        };
      } finally {
        await admin.end();
        await storage.drop();
      }
    }),
};

const caseName = `postgres, ${CREATES.toLocaleString('en-US')} creates, c=${CONNECTIONS}`;

function countsRow(w: Window, db: DatabaseCounters): Row {
  const per = (n: number) => n / CREATES;
  const logLines = w.output.split('\n').filter((l) => l.trim() && !isGcLine(l)).length;
  const bytesPerMs = allocationRate(parseCollections(w.output));
  const allocatedKiB = bytesPerMs === undefined ? Number.NaN : per(bytesPerMs * w.seconds * 1000) / 1024;
  return {
    benchmark: 'create-counts',
    case: caseName,
    rate: w.load.rate,
    p50Ms: w.load.p50Ms,
    p99Ms: w.load.p99Ms,
    note:
      `per create, background in: gateway CPU ${(per(w.gatewayCpuNs) / 1e6).toFixed(2)} ms, ` +
      `PostgreSQL backends CPU ${(per(w.postgresCpuNs) / 1e6).toFixed(2)} ms, ` +
      `${per(db.commits).toFixed(2)} commits (${per(db.rollbacks).toFixed(2)} rollbacks), ` +
      `${per(db.rowsInserted + db.rowsUpdated + db.rowsDeleted).toFixed(2)} rows written, ` +
      `${per(db.rowsFetched).toFixed(1)} rows fetched, ` +
      `${Math.round(per(w.walBytes)).toLocaleString('en-US')} B WAL (whole server), ` +
      `≈${allocatedKiB.toFixed(0)} KiB JS heap allocated, ${per(logLines).toFixed(2)} log lines at info`,
  };
}

/**
 * A gateway process on the run's database from start to stop, warmed up, then `amount` creates (none:
 * start-up and warm-up alone); the database's counters cover the whole process, the rest the creates.
 */
async function countedRun(run: Run, amount: number): Promise<{ window?: Window; database: DatabaseCounters }> {
  const { admin, database } = run;
  const before = await settledCounters(admin, database);
  const gateway = await startGatewayProcess(run.storage, {
    env: GATEWAY_ENV,
    nodeFlags: ['--trace-gc'],
    demo: run.demo,
  });
  let window: Window | undefined;
  try {
    const token = await gateway.tillToken(0);
    await creates(gateway, token, WARMUP);
    if (amount > 0) window = await measureLoad(run, gateway, token, amount);
  } finally {
    await gateway.stop();
  }
  return { ...(window ? { window } : {}), database: difference(await settledCounters(admin, database), before) };
}

async function measureLoad(run: Run, gateway: BenchGateway, token: string, amount: number): Promise<Window> {
  const pid = gateway.process.child.pid as number;
  const start = {
    at: performance.now(),
    cpu: cpuNs(pid),
    backends: await backendCpu(run.admin, run.database),
    wal: await walPosition(run.admin),
    output: gateway.process.output().length,
  };
  const load = await creates(gateway, token, amount);
  return {
    load,
    seconds: (performance.now() - start.at) / 1000,
    gatewayCpuNs: cpuNs(pid) - start.cpu,
    postgresCpuNs: backendCpuSpent(start.backends, await backendCpu(run.admin, run.database)),
    walBytes: await walBytesSince(run.admin, start.wal),
    output: gateway.process.output().slice(start.output),
  };
}

/** Socket writes per create by destination, under strace (which slows the gateway, so it has a window of its own). */
async function writesRow(run: Run): Promise<Row> {
  const gateway = await startGatewayProcess(run.storage, { env: GATEWAY_ENV, demo: run.demo });
  const dir = mkdtempSync(path.join(tmpdir(), 'tillgate-strace-'));
  try {
    const token = await gateway.tillToken(0);
    await creates(gateway, token, WARMUP);
    const pid = gateway.process.child.pid as number;
    const tracer = await traceWrites(pid, path.join(dir, 'writes.txt'));
    const attached = Date.now() / 1000;
    await sleep(QUIET_SECONDS);
    const from = Date.now() / 1000;
    await creates(gateway, token, CREATES);
    await sleep(QUIET_SECONDS);
    const to = Date.now() / 1000;
    const writes = await tracer.stop();
    const where = destinations(pid);
    const count = (d: Destination, start: number, end: number) =>
      writes.filter((w) => where(w.fd) === d && w.at >= start && w.at < end).length;
    const backgroundPerSecond = (d: Destination) => count(d, attached, from) / (from - attached);
    const perCreate = (d: Destination) => (count(d, from, to) / CREATES).toFixed(2);
    const background = (d: Destination) =>
      `${backgroundPerSecond(d).toFixed(1)}/s, ${((backgroundPerSecond(d) * (to - from)) / CREATES).toFixed(2)} per create if it ran on`;
    return {
      benchmark: 'create-counts',
      case: `${caseName}, socket writes`,
      note:
        `per create (strace -f), from the load's start to ${QUIET_SECONDS} s after it, background in: ` +
        `${perCreate('postgres')} writes to PostgreSQL (one per round trip; idle background ${background('postgres')}), ` +
        `${perCreate('clients')} to clients, ${perCreate('output')} to stdout/stderr, ` +
        `${perCreate('other')} to other files (eventfds, pipes)`,
    };
  } finally {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const writesSkipped = (): Row => ({
  benchmark: 'create-counts',
  case: `${caseName}, socket writes`,
  note: 'skipped: strace is not installed',
});

const sleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

async function creates(gateway: BenchGateway, token: string, amount: number): Promise<LoadResult> {
  const r = await postLoad({
    url: gateway.url,
    path: '/v1/orders',
    connections: CONNECTIONS,
    amount,
    token,
    body: orderBody,
  });
  if (r.failures > 0) throw new Error(`${r.failures} of ${amount} creates failed`);
  return r;
}
