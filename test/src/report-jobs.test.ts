import { DEMO_MERCHANT_ID, finishReport, insertReport } from '@tillgate/gateway';
import type { Report } from '@tillgate/sdk/protocol';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { demoPlace, seedSales } from './support/sales-seed.js';
import { WsClient } from './support/ws.js';

const LEASE_MS = 60_000;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`sales file jobs on ${backend.name}`, () => {
    let t!: TestGateway;
    suiteGateway(backend, { reportTiming: { leaseMs: LEASE_MS } }, (suite) => {
      ({ t } = suite);
    });

    it('takes over a job whose instance died once its lease runs out, and the dead attempt cannot write over it', async () => {
      const knex = t.gateway.db.knex;
      const place = await demoPlace(knex, DEMO_MERCHANT_ID, t.demo.tills[0]?.id ?? '');
      await seedSales(knex, place, { count: 20, first: new Date('2026-05-30T12:00:00Z'), stepMs: 60_000, tag: 'L' });
      const app = await t.api.appToken();
      const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(app)}`);
      await ws.subscribe('merchant');

      // Another instance claimed the job (attempt 1), wrote a piece of the file, and died.
      const now = t.clock.now();
      const job = {
        id: 'rpt_01JZZZZZZZZZZZZZZZZZZZZZZZ',
        merchantId: DEMO_MERCHANT_ID,
        environment: 'test' as const,
        kind: 'sales' as const,
        format: 'csv' as const,
        status: 'generating' as const,
        filters: {
          from: '2026-05-30',
          to: '2026-05-30',
          store_id: null,
          status: null,
          wallet: null,
          till_id: null,
          amount_min: null,
          amount_max: null,
        },
        scopeStoreIds: null,
        timezone: 'America/Sao_Paulo',
        filename: 'vendas-todas-2026-05-30-2026-05-30.csv',
        requestedBy: 'app:test',
        rowsDone: 0,
        rowsTotal: null,
        failureReason: null,
        sizeBytes: null,
        attempts: 1,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        createdAt: now,
        completedAt: null,
        expiresAt: new Date(now.getTime() + 30 * 86_400_000),
      };
      await insertReport(knex, job);
      await knex('report_chunks').insert({ report_id: job.id, attempt: 1, seq: 0, data: Buffer.from('half a file') });

      // While the lease holds, no instance touches it.
      expect(await t.gateway.deps.reportJobs.runDue()).toBe(0);
      expect((await knex('reports').where({ id: job.id }).first()).status).toBe('generating');

      t.clock.advance(LEASE_MS + 1);
      const m = await ws.waitFor(
        (msg) =>
          msg.op === 'event' &&
          msg.event.type === 'report.updated' &&
          msg.event.data.report.id === job.id &&
          msg.event.data.report.status !== 'generating',
        10_000,
      );
      const report = m.op === 'event' && 'report' in m.event.data ? (m.event.data.report as Report) : undefined;
      expect(report).toMatchObject({ status: 'ready', rows_done: 20 });
      expect(Number((await knex('reports').where({ id: job.id }).first()).attempts)).toBe(2);

      // The dead instance wakes up: its attempt no longer holds the job.
      expect(await finishReport(knex, job, { status: 'failed', failureReason: 'late', now: t.clock.now() })).toBe(
        undefined,
      );
      const file = await fetch(`${t.url}/v1/reports/${job.id}/file`, { headers: { authorization: `Bearer ${app}` } });
      const rows = parse(Buffer.from(await file.arrayBuffer()), { bom: true }) as string[][];
      expect(rows).toHaveLength(22);
      expect(rows[0]?.[0]).toBe('Data');
      ws.close();
    });

    it('removes files after 30 days, with their chunks', async () => {
      const app = await t.api.appToken();
      const r = await t.api.call<Report>('POST', '/v1/reports', {
        token: app,
        body: { kind: 'sales', format: 'csv', from: '2026-05-30', to: '2026-05-30' },
      });
      expect(r.status).toBe(202);
      t.clock.advance(30 * 86_400_000 + 1);
      // Whatever state the worker left it in, the file goes.
      await t.gateway.deps.reportJobs.removeExpired();
      expect(await t.gateway.db.knex('reports').where({ id: r.body.id }).first()).toBeUndefined();
      expect(await t.gateway.db.knex('report_chunks').where({ report_id: r.body.id })).toEqual([]);
      const fresh = await t.api.appToken();
      expect((await t.api.call('GET', `/v1/reports/${r.body.id}`, { token: fresh })).status).toBe(404);
    });
  });
}
