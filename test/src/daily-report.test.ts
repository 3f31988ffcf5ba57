import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_MERCHANT_ID, ManualClock, reportAttachments } from '@tillgate/gateway';
import type { DailyReport, Order, Refund } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { openStore } from './support/management.js';
import { PanelSession } from './support/panel.js';
import { invitedMember, replaceSales, type SalesPlace, saleSpec } from './support/sales-data.js';

const ZONE = 'America/Sao_Paulo';
/** 23:30 on 31 May in São Paulo, already 1 June in UTC. */
const LATE_MAY = new Date('2026-06-01T02:30:00Z');
const dayIn = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`the daily report on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    const clock = new ManualClock(LATE_MAY);
    let t!: TestGateway;
    let till!: string;
    let app!: string;
    let admin!: PanelSession;
    let place!: SalesPlace;
    suiteGateway(backend, { outboxDir, clock }, (suite) => {
      ({ t, token: till } = suite);
    });
    /** Tokens and sessions live minutes to hours, so each move of the clock signs in again. */
    async function signIn(): Promise<void> {
      till = await t.api.tillToken(0);
      app = await t.api.appToken();
      admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    }
    async function advance(ms: number): Promise<void> {
      clock.advance(ms);
      await signIn();
    }
    beforeAll(signIn);

    const daily = (who: string | PanelSession, q: string) =>
      typeof who === 'string'
        ? t.api.call<DailyReport>('GET', `/v1/reports/daily?${q}`, { token: who })
        : who.call<DailyReport>('GET', `/v1/reports/daily?${q}`);

    async function settledRefund(orderId: string, amount?: number): Promise<void> {
      const r = await t.api.call<Refund>('POST', `/v1/orders/${orderId}/refunds`, {
        token: till,
        body: amount === undefined ? {} : { amount },
      });
      expect(r.status).toBe(201);
      await expect
        .poll(async () =>
          (
            await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${orderId}/refunds`, { token: till })
          ).body.data.every((x) => x.status === 'succeeded'),
        )
        .toBe(true);
    }

    it("puts a sale at 23:30 in São Paulo on that day, not UTC's next, and refunds on their own day", async () => {
      const sale = async (order_ref: string, amount: number) => {
        const o = (await t.api.createOrder(till, { order_ref, wallet: 'pix', amount })).body;
        expect((await t.api.pay(till, o.id)).status).toBe(200);
        return o;
      };
      const late = await sale('TARDE', 1990);
      await advance(40 * 60_000); // 00:10 on 1 June in São Paulo
      const early = await sale('CEDO', 3000);
      await settledRefund(late.id, 500);
      await advance(24 * 3600_000);
      await settledRefund(early.id);

      const may = await daily(app, 'month=2026-05');
      expect(may.status, JSON.stringify(may.body)).toBe(200);
      expect(may.body).toMatchObject({ month: '2026-05', currency: 'BRL', time_zone: ZONE, store_id: null });
      expect(may.body.days).toHaveLength(31);
      expect(may.body.days[30]).toEqual({
        date: '2026-05-31',
        orders: 1,
        approved: 1,
        gross: 1990,
        refunded: 0,
        net: 1990,
        by_wallet: { pix: { approved: 1, gross: 1990, refunded: 0, net: 1990 } },
      });
      expect(may.body.days.slice(0, 30).every((d) => d.orders === 0 && d.net === 0)).toBe(true);

      const june = await daily(app, 'month=2026-06');
      expect(june.body.days).toHaveLength(30);
      expect(june.body.days[0]).toMatchObject({
        date: '2026-06-01',
        orders: 1,
        approved: 1,
        gross: 3000,
        refunded: 500,
        net: 2500,
      });
      expect(june.body.days[1]).toMatchObject({ date: '2026-06-02', orders: 0, gross: 0, refunded: 3000, net: -3000 });
      expect(june.body.totals).toEqual({
        orders: 1,
        approved: 1,
        gross: 3000,
        refunded: 3500,
        net: -500,
        by_wallet: { pix: { approved: 1, gross: 3000, refunded: 3500, net: -500 } },
      });

      // The downloads carry the same figures.
      const csv = await fetch(`${t.url}/v1/reports/daily?month=2026-06&format=csv`, {
        headers: { authorization: `Bearer ${app}` },
      });
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="diario-todas-as-lojas-2026-06.csv"');
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
      expect(lines).toHaveLength(32);
      expect(lines[0]).toBe('Data,Pedidos,Aprovados,Bruto,Estornado,Líquido,Pix bruto,Pix estornado,Pix líquido');
      expect(lines[1]).toBe('2026-06-01,1,1,30.00,5.00,25.00,30.00,5.00,25.00');
      expect(lines[2]).toBe('2026-06-02,0,0,0.00,30.00,-30.00,0.00,30.00,-30.00');
      expect(lines[31]).toBe('Total,1,1,30.00,35.00,-5.00,30.00,35.00,-5.00');

      const xlsx = await fetch(`${t.url}/v1/reports/daily?month=2026-05&format=xlsx`, {
        headers: { authorization: `Bearer ${app}` },
      });
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await xlsx.arrayBuffer());
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.rowCount).toBe(33);
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'Data',
        'Pedidos',
        'Aprovados',
        'Bruto',
        'Estornado',
        'Líquido',
        'Pix bruto',
        'Pix estornado',
        'Pix líquido',
      ]);
      const lastDay = sheet.getRow(32);
      expect((lastDay.getCell(1).value as Date).toISOString()).toBe('2026-05-31T00:00:00.000Z');
      expect(lastDay.getCell(4).value).toBe(19.9);
      expect(lastDay.getCell(4).numFmt).toBe('R$ #,##0.00');
      const total = sheet.getRow(33);
      expect(total.getCell(1).value).toBe('Total');
      expect(total.font?.bold).toBe(true);
      expect(total.getCell(6).value).toBe(19.9);

      // A subscription's attachment renders any run of days, across months, through the same query.
      const attachments = reportAttachments(t.gateway.deps);
      const scope = { merchantId: DEMO_MERCHANT_ID, environment: 'test' as const, storeId: null, timeZone: ZONE };
      const week = await attachments.render('daily', 'csv', scope, { first: '2026-05-31', last: '2026-06-02' });
      expect(week.filename).toBe('diario-todas-as-lojas-2026-05-31-2026-06-02.csv');
      expect(week.content.toString('utf8').slice(1).trimEnd().split('\r\n').slice(1)).toEqual([
        '2026-05-31,1,1,19.90,0.00,19.90,19.90,0.00,19.90',
        '2026-06-01,1,1,30.00,5.00,25.00,30.00,5.00,25.00',
        '2026-06-02,0,0,0.00,30.00,-30.00,0.00,30.00,-30.00',
        'Total,2,2,49.90,35.00,14.90,49.90,35.00,14.90',
      ]);
      await expect(
        attachments.render('sales', 'xlsx', scope, { first: '2026-05-31', last: '2026-06-02' }),
      ).rejects.toThrow(/no renderer for sales/);
    });

    it('is for managers, admins and apps; clerks and tills are refused; a store-limited user gets its stores only', async () => {
      place ??= await salesPlace();
      await replaceSales(t.gateway.deps.knex, place, new Date('2026-05-10T15:00:00Z'), [
        {
          store: 0,
          till: 0,
          wallet: 'pix',
          status: 'approved',
          amount: 1000,
          createdAt: 0,
          paidAfter: 1,
          refunds: [],
          noise: false,
        },
        {
          store: 1,
          till: 0,
          wallet: 'ame',
          status: 'approved',
          amount: 2500,
          createdAt: 0,
          paidAfter: 1,
          refunds: [],
          noise: false,
        },
      ]);
      const otherStore = place.stores[1] as string;
      const clerk = await invitedMember(t, admin, 'clerk');
      expect((await daily(clerk, 'month=2026-05')).body).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await daily(till, 'month=2026-05')).body).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await daily(admin, 'month=2026-05')).body.totals).toMatchObject({ gross: 3500 });
      expect((await daily(app, `month=2026-05&store_id=${otherStore}`)).body.totals).toMatchObject({ gross: 2500 });

      const scoped = await invitedMember(t, admin, 'manager', [otherStore]);
      const mine = await daily(scoped, 'month=2026-05');
      expect(mine.body.totals).toEqual({
        orders: 1,
        approved: 1,
        gross: 2500,
        refunded: 0,
        net: 2500,
        by_wallet: { ame: { approved: 1, gross: 2500, refunded: 0, net: 2500 } },
      });
      expect((await daily(scoped, `month=2026-05&store_id=${place.stores[0]}`)).body).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect((await daily(scoped, 'month=2026-13')).body).toMatchObject({
        status: 422,
        errors: [{ field: 'query.month' }],
      });
      expect((await daily(scoped, 'month=2026-05&format=pdf')).body).toMatchObject({
        status: 422,
        errors: [{ field: 'query.format' }],
      });
    });

    it.skipIf(backend.name !== 'pglite')(
      'adds up to what the list and the refunds say, day by day in São Paulo',
      async () => {
        place ??= await salesPlace();
        const start = new Date('2026-04-20T00:00:00Z');
        await fc.assert(
          fc.asyncProperty(
            fc.array(saleSpec(45 * 24 * 60), { maxLength: 40 }),
            fc.constantFrom(undefined, 0, 1),
            async (sales, store) => {
              await replaceSales(t.gateway.deps.knex, place, start, sales);
              const storeId = store === undefined ? undefined : place.stores[store];
              const r = await daily(app, `month=2026-05${storeId ? `&store_id=${storeId}` : ''}`);
              expect(r.status).toBe(200);
              expect(r.body).toEqual(await fromTheList(storeId));
            },
          ),
          { numRuns: 20 },
        );
      },
    );

    async function salesPlace(): Promise<SalesPlace> {
      const other = await openStore(t.api, app, 'Loja Centro');
      const probe = (await t.api.createOrder(till, { order_ref: 'probe', wallet: 'pix', amount: 1 })).body;
      return { stores: [probe.store_id, other.storeId], tills: [t.demo.tills.map((x) => x.id), [other.tillId]] };
    }

    /** The May report as a reader of `GET /v1/orders` and each order's refunds would tally it. */
    async function fromTheList(storeId: string | undefined): Promise<DailyReport> {
      const orders: Order[] = [];
      let cursor: string | null = null;
      do {
        const q: URLSearchParams = new URLSearchParams({
          limit: '100',
          ...(storeId ? { store_id: storeId } : {}),
          ...(cursor ? { cursor } : {}),
        });
        const page: { body: { data: Order[]; next_cursor: string | null } } = await t.api.call<{
          data: Order[];
          next_cursor: string | null;
        }>('GET', `/v1/orders?${q}`, {
          token: app,
        });
        orders.push(...page.body.data);
        cursor = page.body.next_cursor;
      } while (cursor);
      const days = Array.from({ length: 31 }, (_, i) => ({
        date: `2026-05-${String(i + 1).padStart(2, '0')}`,
        orders: 0,
        approved: 0,
        gross: 0,
        refunded: 0,
        net: 0,
        by_wallet: {} as DailyReport['totals']['by_wallet'],
      }));
      const totals = {
        orders: 0,
        approved: 0,
        gross: 0,
        refunded: 0,
        net: 0,
        by_wallet: {} as DailyReport['totals']['by_wallet'],
      };
      const book = (
        when: string,
        wallet: Order['wallet'],
        f: { orders?: number; approved?: number; gross?: number; refunded?: number },
      ) => {
        const day = days.find((d) => d.date === dayIn(when));
        if (!day) return;
        for (const into of [day, totals]) {
          into.orders += f.orders ?? 0;
          if (f.orders) continue;
          const w = into.by_wallet[wallet] ?? { approved: 0, gross: 0, refunded: 0, net: 0 };
          into.by_wallet[wallet] = w;
          for (const x of [into, w]) {
            x.approved += f.approved ?? 0;
            x.gross += f.gross ?? 0;
            x.refunded += f.refunded ?? 0;
            x.net = x.gross - x.refunded;
          }
        }
      };
      for (const o of orders) {
        book(o.created_at, o.wallet, { orders: 1 });
        if (o.paid_at) book(o.paid_at, o.wallet, { approved: 1, gross: o.amount });
        if (o.refunded_amount === 0) continue;
        const refunds = await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${o.id}/refunds`, { token: app });
        for (const x of refunds.body.data)
          if (x.status === 'succeeded' && !x.automatic && x.settled_at)
            book(x.settled_at, o.wallet, { refunded: x.amount });
      }
      return { month: '2026-05', currency: 'BRL', time_zone: ZONE, store_id: storeId ?? null, days, totals };
    }
  });
}
