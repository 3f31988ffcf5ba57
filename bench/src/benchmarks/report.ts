import { DEMO_MERCHANT_ID, ManualClock, ReportService, seedDemoMerchant, startGateway } from '@tillgate/gateway';
import { backends, type Storage } from '@tillgate/test/support/backends';
import { demoPlace, seedSales } from '@tillgate/test/support/sales-seed';
import pino from 'pino';
import type { Benchmark, Row } from '../report.js';

const ORDERS = Number(process.env.TILLGATE_BENCH_REPORT_ORDERS ?? 100_000);
const MiB = 1024 * 1024;

/**
 * A sales file of N orders (30 days, bulk-inserted in SQL) generated as xlsx by the gateway's own job:
 * seconds and the peak growth of the heap while it runs (the bound: under 64 MiB). The
 * ceiling is one plain SELECT of the same N orders on the same database.
 */
export const report: Benchmark = {
  name: 'report',
  async run() {
    const rows: Row[] = [];
    for (const backend of await backends()) {
      if (backend.unavailable) continue;
      const storage = await backend.create();
      try {
        rows.push(await salesFile(storage, backend.name));
      } finally {
        await storage.drop();
      }
    }
    return { rows };
  },
};

async function salesFile(storage: Storage, name: string): Promise<Row> {
  const gateway = await startGateway({
    databaseUrl: storage.databaseUrl,
    dataDir: storage.dataDir,
    port: 0,
    clock: new ManualClock(new Date('2026-06-01T12:00:00Z')),
    log: pino({ level: 'error' }),
    // The job runs when the benchmark says, not on the worker's tick.
    workerIntervalMs: 3_600_000,
  });
  try {
    const demo = await seedDemoMerchant(gateway.deps);
    const knex = gateway.db.knex;
    const place = await demoPlace(knex, DEMO_MERCHANT_ID, demo.tills[0]?.id ?? '');
    await seedSales(knex, place, { count: ORDERS, first: new Date('2026-05-02T03:00:00Z'), stepMs: 25_900, tag: 'R' });

    const app = { kind: 'app', merchantId: DEMO_MERCHANT_ID, environment: 'test', appName: demo.app_name } as const;
    const created = await new ReportService(gateway.deps).create(app, {
      format: 'xlsx',
      from: '2026-05-02',
      to: '2026-05-31',
    });
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 10);
    const t0 = performance.now();
    await gateway.deps.reportJobs.runDue();
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    // After the file, so its rows are not garbage in the heap the file is measured against.
    const s0 = performance.now();
    await knex('orders').where({ merchant_id: DEMO_MERCHANT_ID }).select('*');
    const selectSeconds = (performance.now() - s0) / 1000;
    const done = await knex('reports').where({ id: created.id }).first('status', 'rows_done', 'size_bytes');
    if (done.status !== 'ready') throw new Error(`the file ended ${done.status}`);
    return {
      benchmark: 'report',
      case: `${name}, ${Number(done.rows_done).toLocaleString('en-US')} orders, xlsx`,
      rate: Number(done.rows_done) / seconds,
      ceiling: `SELECT ${selectSeconds.toFixed(2)} s`,
      ratio: selectSeconds / seconds,
      note: `${seconds.toFixed(1)} s, peak heap +${((peak - baseline) / MiB).toFixed(0)} MiB (bound 64), file ${(Number(done.size_bytes) / MiB).toFixed(1)} MiB`,
    };
  } finally {
    await gateway.close();
  }
}
