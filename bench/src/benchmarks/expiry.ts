import { ManualClock, seedDemoMerchant, startGateway } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { backends, type Storage } from '@tillgate/test/support/backends';
import type { Knex } from 'knex';
import pino from 'pino';
import { tillToken } from '../gateway-process.js';
import { call } from '../http.js';
import { orderBody } from '../load.js';
import type { Benchmark, Row } from '../report.js';
import { cloneOrders } from '../seed.js';

const ORDERS = Number(process.env.TILLGATE_BENCH_EXPIRY_ORDERS ?? 100_000);
const EXPIRES_IN = 600;

/**
 * N pending orders whose deadline passes at once (a manual clock jumps past it): seconds until the
 * gateway's own expiry worker, at its production interval, has expired them all. One order is made
 * through the API and bulk-copied N - 1 times in SQL. The ceiling is one bulk UPDATE of N rows of a
 * scratch table on the same database.
 */
export const expiry: Benchmark = {
  name: 'expiry',
  async run() {
    const rows: Row[] = [];
    for (const backend of await backends()) {
      if (backend.unavailable) continue;
      const storage = await backend.create();
      try {
        rows.push(await expireAll(storage, backend.name));
      } finally {
        await storage.drop();
      }
    }
    return { rows };
  },
};

async function expireAll(storage: Storage, name: string): Promise<Row> {
  const clock = new ManualClock();
  const gateway = await startGateway({
    databaseUrl: storage.databaseUrl,
    dataDir: storage.dataDir,
    port: 0,
    clock,
    log: pino({ level: 'error' }),
  });
  try {
    const demo = await seedDemoMerchant(gateway.deps);
    const token = await tillToken(gateway.url, demo, 0);
    const template = (
      await call<Order>(gateway.url, token, 'POST', '/v1/orders', { ...orderBody(), expires_in: EXPIRES_IN })
    ).body;
    await cloneOrders(gateway.db.knex, template.id, {
      n: ORDERS - 1,
      firstDeadline: new Date(template.expires_at),
      spacingMs: 0,
    });
    const created = await countPending(gateway.db.knex);
    const bulkUpdateSeconds = await bulkUpdate(gateway.db.knex, created);
    clock.advance((EXPIRES_IN + 1) * 1000);
    const t0 = performance.now();
    // A cheap probe: on PGlite it shares the worker's one connection.
    while (await anyPending(gateway.db.knex)) await new Promise((r) => setTimeout(r, 100));
    const seconds = (performance.now() - t0) / 1000;
    return {
      benchmark: 'expiry',
      case: `${name}, ${created.toLocaleString('en-US')} orders`,
      rate: created / seconds,
      seconds,
      ceiling: `bulk UPDATE ${bulkUpdateSeconds.toFixed(2)} s`,
      ratio: bulkUpdateSeconds / seconds,
      note: `all expired ${seconds.toFixed(1)} s after the deadline`,
    };
  } finally {
    await gateway.close();
  }
}

async function anyPending(knex: Knex): Promise<boolean> {
  const result = await knex.raw(`SELECT EXISTS (SELECT 1 FROM orders WHERE status = 'pending') AS any`);
  return Boolean(result.rows[0]?.any);
}

async function countPending(knex: Knex): Promise<number> {
  const [row] = await knex('orders').where({ status: 'pending' }).count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

/** One UPDATE of `n` rows in a scratch table: what marking them all at once costs this database. */
async function bulkUpdate(knex: Knex, n: number): Promise<number> {
  await knex.raw('CREATE TABLE bench_expiry AS SELECT g AS id, $$pending$$ AS status FROM generate_series(1, ?) AS g', [
    n,
  ]);
  const t0 = performance.now();
  await knex.raw(`UPDATE bench_expiry SET status = 'expired' WHERE status = 'pending'`);
  const seconds = (performance.now() - t0) / 1000;
  await knex.raw('DROP TABLE bench_expiry');
  return seconds;
}
