import { backends } from '@tillgate/test/support/backends';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { startHello } from '../ceilings/hello.js';
import { insertLoop } from '../ceilings/insert-loop.js';
import { startGatewayProcess } from '../gateway-process.js';
import { type LoadResult, orderBody, postLoad } from '../load.js';
import type { Benchmark, CurvePoint, Row } from '../report.js';
import { LIMITS_COUNTING, limiterCost } from './limiter-cost.js';

const CONCURRENCIES = [1, 16, 64];
const SECONDS = 5;
const WARMUP_SECONDS = 1;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Orders created per second through POST /v1/orders (sandbox wallet, a fresh order_ref each) at
 * several concurrencies, on PostgreSQL and PGlite, beside a bare express hello and a bare INSERT loop,
 * with the rate limits counting; then the same create rate with the limits on and off.
 */
export const create: Benchmark = {
  name: 'create',
  async run() {
    const rows: Row[] = [];
    const curve: CurvePoint[] = [];
    const hello = await measureHello();
    for (const [c, r] of hello) {
      rows.push({ benchmark: 'create', case: `express hello, c=${c}`, ...r, note: 'ceiling: bare HTTP' });
      curve.push({ series: 'express hello', concurrency: c, ...r });
    }
    for (const backend of await backends()) {
      if (backend.unavailable) {
        rows.push({ benchmark: 'create', case: backend.name, note: `skipped: ${backend.unavailable}` });
        continue;
      }
      const storage = await backend.create();
      try {
        const gateway = await startGatewayProcess(storage, { env: LIMITS_COUNTING });
        const token = await gateway.tillToken(0);
        const load = (connections: number, seconds: number) =>
          postLoad({ url: gateway.url, path: '/v1/orders', connections, seconds, token, body: orderBody });
        await load(CONCURRENCIES.at(-1) ?? 1, WARMUP_SECONDS);
        const measured = new Map<number, LoadResult>();
        for (const c of CONCURRENCIES) measured.set(c, await load(c, SECONDS));
        await gateway.stop();
        const inserts = await measureInserts(storage, backend.name === 'postgres' ? 16 : 1);
        for (const [c, r] of measured) {
          const ceiling = hello.get(c)?.rate ?? Number.NaN;
          rows.push({
            benchmark: 'create',
            case: `${backend.name}, c=${c}`,
            rate: r.rate,
            p50Ms: r.p50Ms,
            p99Ms: r.p99Ms,
            ceiling: `hello ${fmt(ceiling)} req/s`,
            ratio: r.rate / ceiling,
            note: `${r.failures} failed; bare INSERT ${fmt(inserts)}/s`,
          });
          curve.push({ series: `orders on ${backend.name}`, concurrency: c, ...r });
        }
      } finally {
        await storage.drop();
      }
      rows.push(await limiterCost(backend));
    }
    return { rows, curve };
  },
};

async function measureHello(): Promise<Map<number, LoadResult>> {
  const hello = await startHello();
  try {
    const load = (connections: number, seconds: number) =>
      postLoad({ url: hello.url, path: '/hello', connections, seconds, body: orderBody });
    await load(CONCURRENCIES.at(-1) ?? 1, WARMUP_SECONDS);
    const measured = new Map<number, LoadResult>();
    for (const c of CONCURRENCIES) measured.set(c, await load(c, SECONDS));
    return measured;
  } finally {
    await hello.stop();
  }
}

/** The bare INSERT ceiling on the same database the gateway just used (PGlite: its directory, reopened here). */
async function measureInserts(storage: { databaseUrl?: string; dataDir?: string }, concurrency: number) {
  const db: Knex = storage.databaseUrl
    ? knex({ client: 'pg', connection: storage.databaseUrl, pool: { min: 0, max: concurrency } })
    : knex({ client: ClientPgLite, dialect: 'postgres', connection: { filename: `${storage.dataDir}/pglite` } });
  try {
    return await insertLoop(db, concurrency, 3);
  } finally {
    await db.destroy();
  }
}
