import { DEMO_MERCHANT_ID, type Principal, ReportService } from '@tillgate/gateway';
import type { Problem, Report } from '@tillgate/sdk/protocol';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { demoPlace, type SalesPlace, seedSales } from './support/sales-seed.js';
import { WsClient } from './support/ws.js';

const HEADERS = [
  'Data',
  'Valor',
  'Loja',
  'Caixa',
  'Conta',
  'Status',
  'Código UUID',
  'Referência',
  'Carteira',
  'Provedor',
  'Valor pago',
  'Valor estornado',
  'Pago em',
  'ID do pagamento',
  'Motivo do cancelamento',
];
const STATUS_WORDS: Record<string, string> = {
  approved: 'Pago',
  refunded: 'Estornado',
  partially_refunded: 'Parcialmente estornado',
  cancelled: 'Cancelado',
  expired: 'Expirado',
  pending: 'Aguardando',
};
/** São Paulo is UTC−3 all year. */
const SP_OFFSET_MS = 3 * 3_600_000;
const reais = (centavos: number, decimal = '.') =>
  `${Math.trunc(centavos / 100)}${decimal}${String(centavos % 100).padStart(2, '0')}`;

interface Expected {
  id: string;
  created_at: Date;
  amount: number;
  paid_amount: number;
  refunded_amount: number;
  status: string;
  order_ref: string;
}

export async function fetchFile(
  url: string,
  token: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`the sales file on ${backend.name}`, () => {
    let t!: TestGateway;
    suiteGateway(backend, {}, (suite) => {
      ({ t } = suite);
    });
    let app: string;
    let place: SalesPlace;
    let expected: Expected[];
    let ws: WsClient;

    beforeAll(async () => {
      app = await t.api.appToken();
      const knex = t.gateway.db.knex;
      place = await demoPlace(knex, DEMO_MERCHANT_ID, t.demo.tills[0]?.id ?? '');
      // A week of São Paulo days, 2026-05-25 to 2026-05-31, one sale every 40 minutes...
      await seedSales(knex, place, {
        count: 250,
        first: new Date('2026-05-25T03:00:00Z'),
        stepMs: 40 * 60_000,
        tag: 'W',
      });
      // ...a sale at 23:30 on the 31st there (02:30 UTC on June 1st) belongs to the week,
      await seedSales(knex, place, { count: 1, first: new Date('2026-06-01T02:30:00Z'), stepMs: 0, tag: 'IN' });
      // ...midnight of June 1st and one second before May 25th do not.
      await seedSales(knex, place, { count: 1, first: new Date('2026-06-01T03:00:00Z'), stepMs: 0, tag: 'OUTA' });
      await seedSales(knex, place, { count: 1, first: new Date('2026-05-25T02:59:59Z'), stepMs: 0, tag: 'OUTB' });
      expected = (
        await knex('orders')
          .where({ merchant_id: DEMO_MERCHANT_ID })
          .andWhere('created_at', '>=', new Date('2026-05-25T03:00:00Z'))
          .andWhere('created_at', '<', new Date('2026-06-01T03:00:00Z'))
          .orderBy(['created_at', 'id'])
          .select('id', 'created_at', 'amount', 'paid_amount', 'refunded_amount', 'status', 'order_ref')
      ).map((r) => ({
        ...r,
        amount: Number(r.amount),
        paid_amount: Number(r.paid_amount),
        refunded_amount: Number(r.refunded_amount),
      }));
      ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(app)}`);
      await ws.subscribe('merchant');
    });

    const week = { kind: 'sales', from: '2026-05-25', to: '2026-05-31' };

    async function generated(format: string, extra: Record<string, unknown> = {}): Promise<Report> {
      const r = await t.api.call<Report>('POST', '/v1/reports', { token: app, body: { ...week, format, ...extra } });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      expect(r.body).toMatchObject({ kind: 'sales', format, status: 'generating', rows_done: 0 });
      expect(r.body.id).toMatch(/^rpt_/);
      // Progress arrives on the merchant topic; the last event says ready.
      const m = await ws.waitFor(
        (msg) =>
          msg.op === 'event' &&
          msg.event.type === 'report.updated' &&
          msg.event.data.report.id === r.body.id &&
          msg.event.data.report.status !== 'generating',
        10_000,
      );
      const report = m.op === 'event' && 'report' in m.event.data ? m.event.data.report : undefined;
      expect(report?.status).toBe('ready');
      return report as Report;
    }

    it('exports the week as xlsx: headers in order, every row and amount, real dates, a bold total', async () => {
      const report = await generated('xlsx');
      expect(report).toMatchObject({ rows_done: expected.length, rows_total: expected.length });
      const file = await fetchFile(`${t.url}/v1/reports/${report.id}/file`, app);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe(
        'attachment; filename="vendas-todas-2026-05-25-2026-05-31.xlsx"',
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
      expect(sheet.rowCount).toBe(expected.length + 2);
      expected.forEach((o, i) => {
        const row = sheet.getRow(i + 2);
        expect(row.getCell(1).value).toEqual(new Date(o.created_at.getTime() - SP_OFFSET_MS));
        expect(row.getCell(2).value).toBe(o.amount / 100);
        expect(row.getCell(2).numFmt).toContain('R$');
        expect(row.getCell(2).numFmt).toContain('#,##0.00');
        expect(row.getCell(6).value).toBe(STATUS_WORDS[o.status]);
        expect(row.getCell(7).value).toBe(o.id);
        expect(row.getCell(8).value).toBe(o.order_ref);
        expect(row.getCell(11).value).toBe(o.paid_amount / 100);
        expect(row.getCell(12).value).toBe(o.refunded_amount / 100);
      });
      const total = sheet.getRow(expected.length + 2);
      const sum = (k: 'amount' | 'paid_amount' | 'refunded_amount') => expected.reduce((s, o) => s + o[k], 0);
      expect(total.getCell(1).value).toBe('Total');
      expect(total.getCell(2).value).toBe(sum('amount') / 100);
      expect(total.getCell(11).value).toBe(sum('paid_amount') / 100);
      expect(total.getCell(12).value).toBe(sum('refunded_amount') / 100);
      expect(total.font?.bold).toBe(true);
      expect(sheet.getRow(2).getCell(3).value).toBeTruthy();
      expect(sheet.getRow(2).getCell(5).value).toBeTruthy();
    });

    it('exports csv (RFC 4180, BOM) and csv-br (";" and decimal comma), and streams the same csv directly', async () => {
      const check = (bytes: Buffer, delimiter: string, decimal: string) => {
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes.toString('utf8')).toContain('\r\n');
        const rows = parse(bytes, { bom: true, delimiter, relax_column_count: false }) as string[][];
        expect(rows[0]).toEqual(HEADERS);
        expect(rows).toHaveLength(expected.length + 2);
        expected.forEach((o, i) => {
          const row = rows[i + 1] ?? [];
          expect(row[1]).toBe(reais(o.amount, decimal));
          expect(row[6]).toBe(o.id);
          expect(row[10]).toBe(reais(o.paid_amount, decimal));
          expect(row[11]).toBe(reais(o.refunded_amount, decimal));
        });
        const total = rows.at(-1) ?? [];
        expect(total[0]).toBe('Total');
        expect(total[1]).toBe(
          reais(
            expected.reduce((s, o) => s + o.amount, 0),
            decimal,
          ),
        );
        return rows;
      };
      const csv = await generated('csv');
      const fromJob = await fetchFile(`${t.url}/v1/reports/${csv.id}/file`, app);
      expect(fromJob.headers.get('content-disposition')).toContain('vendas-todas-2026-05-25-2026-05-31.csv');
      const rows = check(fromJob.bytes, ',', '.');
      // The last sale of the week is 23:30 on the 31st in São Paulo.
      expect(rows.at(-2)?.[0]).toBe('2026-05-31 23:30:00');

      const br = await generated('csv-br');
      const brRows = check((await fetchFile(`${t.url}/v1/reports/${br.id}/file`, app)).bytes, ';', ',');
      expect(brRows.at(-2)?.[0]).toBe('31/05/2026 23:30:00');

      const direct = await fetchFile(`${t.url}/v1/reports/sales.csv?from=2026-05-25&to=2026-05-31`, app);
      expect(direct.status).toBe(200);
      expect(direct.headers.get('content-type')).toContain('text/csv');
      expect(direct.bytes.equals(fromJob.bytes)).toBe(true);
    });

    it('applies the payments filters', async () => {
      const approved = expected.filter((o) => o.status === 'approved' && o.amount >= 5000);
      const direct = await fetchFile(
        `${t.url}/v1/reports/sales.csv?from=2026-05-25&to=2026-05-31&status=approved&amount_min=5000`,
        app,
      );
      const rows = parse(direct.bytes, { bom: true }) as string[][];
      expect(rows.slice(1, -1).map((r) => r[6])).toEqual(approved.map((o) => o.id));
    });

    it('refuses a 32-day period, to before from and a future day, naming the field', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ from: '2026-05-01', to: '2026-06-01' }, 'to'],
        [{ from: '2026-05-10', to: '2026-05-09' }, 'to'],
        [{ from: '2026-06-02', to: '2026-06-02' }, 'from'],
      ];
      for (const [period, field] of cases) {
        const r = await t.api.call<Problem>('POST', '/v1/reports', {
          token: app,
          body: { kind: 'sales', format: 'xlsx', ...period },
        });
        expect(r.status).toBe(422);
        expect(r.body.code).toBe('validation_failed');
        expect(r.body.errors?.map((e) => e.field)).toContain(field);
        const direct = await t.api.call<Problem>('GET', `/v1/reports/sales.csv?from=${period.from}&to=${period.to}`, {
          token: app,
        });
        expect(direct.status).toBe(422);
      }
      const ok = await t.api.call('POST', '/v1/reports', {
        token: app,
        body: { kind: 'sales', format: 'csv', from: '2026-05-02', to: '2026-06-01' },
      });
      expect(ok.status).toBe(202);
    });

    it('lists files newest first with cursor pages', async () => {
      const first = await t.api.call<{ data: Report[]; next_cursor: string | null }>('GET', '/v1/reports?limit=2', {
        token: app,
      });
      expect(first.status).toBe(200);
      expect(first.body.data).toHaveLength(2);
      const second = await t.api.call<{ data: Report[] }>(
        'GET',
        `/v1/reports?limit=2&cursor=${first.body.next_cursor}`,
        { token: app },
      );
      const all = [...first.body.data, ...second.body.data];
      expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
      const times = all.map((r) => r.created_at);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('lets clerks and tills neither generate nor read files', async () => {
      const till = await t.api.tillToken(0);
      const r = await t.api.call<Problem>('POST', '/v1/reports', { token: till, body: { ...week, format: 'csv' } });
      expect(r.status).toBe(403);
      expect((await t.api.call('GET', '/v1/reports', { token: till })).status).toBe(403);
      const clerk: Principal = {
        kind: 'user',
        merchantId: DEMO_MERCHANT_ID,
        environment: 'test',
        userId: 'usr_clerk',
        role: 'clerk',
        storeIds: null,
      };
      const reports = new ReportService(t.gateway.deps);
      await expect(reports.create(clerk, { ...week, kind: 'sales', format: 'csv' } as never)).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(reports.list(clerk, { limit: 10 })).rejects.toMatchObject({ code: 'forbidden' });
    });

    it("gives a user limited to some stores only those stores' rows and files", async () => {
      const knex = t.gateway.db.knex;
      const now = new Date('2026-05-01T00:00:00Z');
      await knex('stores').insert({ id: 'sto_B', merchant_id: DEMO_MERCHANT_ID, name: 'Loja Sé', created_at: now });
      await knex('tills').insert({
        id: 'till_B',
        merchant_id: DEMO_MERCHANT_ID,
        store_id: 'sto_B',
        client_id: `client-B-${backend.name}`,
        name: 'Caixa B',
        category: 'physical',
        created_at: now,
      });
      await seedSales(
        knex,
        { ...place, storeId: 'sto_B', tillId: 'till_B' },
        {
          count: 7,
          first: new Date('2026-05-26T15:00:00Z'),
          stepMs: 3_600_000,
          tag: 'B',
        },
      );
      const manager = (storeIds: string[] | null): Principal => ({
        kind: 'user',
        merchantId: DEMO_MERCHANT_ID,
        environment: 'test',
        userId: 'usr_mgr',
        role: 'manager',
        storeIds,
      });
      const reports = new ReportService(t.gateway.deps);
      const limited = manager(['sto_B']);
      const request = { kind: 'sales', format: 'csv', from: '2026-05-25', to: '2026-05-31' } as const;

      // Asked for every store, a limited user gets only theirs.
      const mine = await reports.direct(limited, request);
      expect(mine.filename).toBe('vendas-todas-2026-05-25-2026-05-31.csv');
      const rows = parse(await written(mine.write), { bom: true }) as string[][];
      expect(rows.slice(1, -1).map((r) => r[2])).toEqual(Array(7).fill('Loja Sé'));
      // Naming another store reads as missing.
      await expect(reports.direct(limited, { ...request, store_id: place.storeId })).rejects.toMatchObject({
        code: 'not_found',
      });
      const ofB = await reports.direct(manager(null), { ...request, store_id: 'sto_B' });
      expect(ofB.filename).toBe('vendas-loja-se-2026-05-25-2026-05-31.csv');

      // Files: the limited user's own is listed and readable; the merchant-wide ones are not.
      const own = await reports.create(limited, request);
      const listed = await reports.list(limited, { limit: 100 });
      expect(listed.data.map((r) => r.id)).toEqual([own.id]);
      const wide = await reports.create(manager(null), request);
      await expect(reports.get(limited, wide.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(reports.download(limited, wide.id)).rejects.toMatchObject({ code: 'not_found' });
      expect((await reports.list(manager(null), { limit: 100 })).data.map((r) => r.id)).toContain(own.id);
    });
  });
}

/** What `write` writes, collected. */
async function written(write: (out: import('node:stream').Writable) => Promise<void>): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  await write(out);
  return Buffer.concat(parts);
}
