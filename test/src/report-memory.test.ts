import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEMO_MERCHANT_ID } from '@tillgate/gateway';
import type { Report } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { demoPlace, seedSales } from './support/sales-seed.js';
import { WsClient } from './support/ws.js';

const ORDERS = 100_000;
const MiB = 1024 * 1024;

// The bound is on what the export holds alive, not on garbage not yet collected (which made the figure swing
// from 36 to 79 MiB between runs of the same code): every sample is taken right after a full collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeap = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

// PostgreSQL only: the bound is the same code on PGlite, and `pnpm bench` measures both.
const postgres = (await backends()).find((b) => b.name === 'postgres');

describe.skipIf(!postgres || postgres.unavailable)('a 100,000-order sales file on postgres', () => {
  let t!: TestGateway;
  if (postgres) suiteGateway(postgres, {}, (suite) => ({ t } = suite));

  it('is generated with the live heap growing by less than 64 MiB, and reads back whole', async () => {
    const knex = t.gateway.db.knex;
    const place = await demoPlace(knex, DEMO_MERCHANT_ID, t.demo.tills[0]?.id ?? '');
    // 100,000 sales over 30 São Paulo days (one every 25.9 s).
    await seedSales(knex, place, { count: ORDERS, first: new Date('2026-05-02T03:00:00Z'), stepMs: 25_900, tag: 'M' });
    const app = await t.api.appToken();
    const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(app)}`);
    await ws.subscribe('merchant');

    const baseline = liveHeap();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, liveHeap());
    }, 250);
    const started = performance.now();
    const r = await t.api.call<Report>('POST', '/v1/reports', {
      token: app,
      body: { kind: 'sales', format: 'xlsx', from: '2026-05-02', to: '2026-05-31' },
    });
    expect(r.status).toBe(202);
    await ws.waitFor(
      (m) =>
        m.op === 'event' &&
        m.event.type === 'report.updated' &&
        m.event.data.report.id === r.body.id &&
        m.event.data.report.status !== 'generating',
      240_000,
    );
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const growth = (peak - baseline) / MiB;
    console.info(`100,000-order xlsx: ${seconds.toFixed(1)} s, live heap growth ${growth.toFixed(1)} MiB`);
    expect(growth).toBeLessThan(64);

    // Progress came in steps, not one event per row.
    const steps = ws
      .liveEvents('merchant')
      .filter((e) => e.type === 'report.updated' && e.data.report.id === r.body.id);
    expect(steps.length).toBeGreaterThan(3);
    expect(steps.length).toBeLessThan(60);
    expect(steps.at(-1)).toMatchObject({ data: { report: { status: 'ready', rows_done: ORDERS } } });

    const file = await fetch(`${t.url}/v1/reports/${r.body.id}/file`, { headers: { authorization: `Bearer ${app}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    expect(book.worksheets[0]?.rowCount).toBe(ORDERS + 2);
    ws.close();
  }, 300_000);
});
