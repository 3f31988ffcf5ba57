import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORDER_STATUSES, type Order, type OrderSummary, WALLETS } from '@tillgate/sdk/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { openStore } from './support/management.js';
import { PanelSession } from './support/panel.js';
import { invitedMember, replaceSales, type SalesPlace, saleSpec } from './support/sales-data.js';

const START = new Date('2026-05-01T03:00:00Z');
const SPAN_MINUTES = 40 * 24 * 60;

/** What the list pages add up to, computed here from the orders themselves. */
function summed(orders: readonly Order[]): OrderSummary {
  const s: OrderSummary = {
    count: 0,
    amount: 0,
    paid_amount: 0,
    refunded_amount: 0,
    net_amount: 0,
    by_status: {},
    by_wallet: {},
  };
  for (const o of orders) {
    const paid =
      o.payment?.paid_amount ?? (['approved', 'partially_refunded', 'refunded'].includes(o.status) ? o.amount : 0);
    s.count += 1;
    s.amount += o.amount;
    s.paid_amount += paid;
    s.refunded_amount += o.refunded_amount;
    const st = s.by_status[o.status] ?? { count: 0, amount: 0 };
    s.by_status[o.status] = st;
    st.count += 1;
    st.amount += o.amount;
    const w = s.by_wallet[o.wallet] ?? { count: 0, paid_amount: 0, refunded_amount: 0, net_amount: 0 };
    s.by_wallet[o.wallet] = w;
    w.count += 1;
    w.paid_amount += paid;
    w.refunded_amount += o.refunded_amount;
    w.net_amount = w.paid_amount - w.refunded_amount;
  }
  s.net_amount = s.paid_amount - s.refunded_amount;
  return s;
}

const query = (filters: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(filters).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  ).toString();

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`order totals on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    let t!: TestGateway;
    let till!: string;
    let app!: string;
    let admin!: PanelSession;
    let place!: SalesPlace;
    suiteGateway(backend, { outboxDir }, (suite) => {
      ({ t, token: till } = suite);
    });
    beforeAll(async () => {
      app = await t.api.appToken();
      admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      const other = await openStore(t.api, app, 'Loja Centro');
      const demoStore = (
        await t.api.order(
          till,
          (
            await t.api.createOrder(till, { order_ref: 'probe', wallet: 'pix', amount: 1 })
          ).body.id,
        )
      ).store_id;
      place = { stores: [demoStore, other.storeId], tills: [t.demo.tills.map((x) => x.id), [other.tillId]] };
    });

    async function listAll(
      token: string | PanelSession,
      filters: Record<string, string | number | undefined>,
      limit: number,
    ) {
      const all: Order[] = [];
      let cursor: string | undefined;
      do {
        const path = `/v1/orders?${query({ ...filters, limit, cursor })}`;
        const r =
          typeof token === 'string'
            ? await t.api.call<{ data: Order[]; next_cursor: string | null }>('GET', path, { token })
            : await token.call<{ data: Order[]; next_cursor: string | null }>('GET', path);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        all.push(...r.body.data);
        cursor = r.body.next_cursor ?? undefined;
      } while (cursor);
      return all;
    }

    const summary = (token: string | PanelSession, filters: Record<string, string | number | undefined>) => {
      const path = `/v1/orders/summary?${query(filters)}`;
      return typeof token === 'string'
        ? t.api.call<OrderSummary>('GET', path, { token })
        : token.call<OrderSummary>('GET', path);
    };

    it('adds up real orders: paid on approved, partially refunded and refunded alike, net = paid − refunded', async () => {
      await replaceSales(t.gateway.deps.knex, place, START, []);
      const make = async (wallet: string, amount: number) =>
        (await t.api.createOrder(till, { order_ref: `S-${wallet}-${amount}`, wallet, amount })).body;
      const a = await make('pix', 1990);
      const b = await make('picpay', 5000);
      const c = await make('pix', 700);
      await make('mercadopago', 1234);
      for (const o of [a, b, c]) expect((await t.api.pay(till, o.id)).status).toBe(200);
      expect(
        (await t.api.call('POST', `/v1/orders/${b.id}/refunds`, { token: till, body: { amount: 1500 } })).status,
      ).toBe(201);
      expect((await t.api.call('POST', `/v1/orders/${c.id}/refunds`, { token: till, body: {} })).status).toBe(201);
      await expect.poll(async () => (await t.api.order(till, c.id)).status).toBe('refunded');

      const r = await summary(app, {});
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        count: 4,
        amount: 8924,
        paid_amount: 7690,
        refunded_amount: 2200,
        net_amount: 5490,
        by_status: {
          approved: { count: 1, amount: 1990 },
          partially_refunded: { count: 1, amount: 5000 },
          refunded: { count: 1, amount: 700 },
          pending: { count: 1, amount: 1234 },
        },
        by_wallet: {
          pix: { count: 2, paid_amount: 2690, refunded_amount: 700, net_amount: 1990 },
          picpay: { count: 1, paid_amount: 5000, refunded_amount: 1500, net_amount: 3500 },
          mercadopago: { count: 1, paid_amount: 0, refunded_amount: 0, net_amount: 0 },
        },
      });
      expect(r.body).toEqual(summed(await listAll(app, {}, 3)));
      // The same filters, the same validation: `summary` is not read as an order id, and a bad filter is named.
      expect((await summary(app, { wallet: 'pix' })).body).toMatchObject({ count: 2, paid_amount: 2690 });
      const bad = await summary(app, { amount_min: 'dez' });
      expect(bad.body).toMatchObject({
        status: 422,
        code: 'validation_failed',
        errors: [{ field: 'query.amount_min' }],
      });
      expect((await summary(app, { limit: 5 })).body).toMatchObject({
        status: 422,
        errors: [{ field: 'query.limit' }],
      });
      // A till counts its own orders only, like its list.
      const till1 = await t.api.tillToken(1);
      expect((await summary(till1, {})).body).toMatchObject({ count: 0, amount: 0 });
    });

    it('gives a user limited to some stores the totals of those stores only', async () => {
      await replaceSales(t.gateway.deps.knex, place, START, [
        {
          store: 0,
          till: 0,
          wallet: 'pix',
          status: 'approved',
          amount: 1000,
          createdAt: 10,
          paidAfter: 1,
          refunds: [],
          noise: false,
        },
        {
          store: 1,
          till: 0,
          wallet: 'pix',
          status: 'approved',
          amount: 2500,
          createdAt: 20,
          paidAfter: 1,
          refunds: [],
          noise: false,
        },
        {
          store: 1,
          till: 0,
          wallet: 'ame',
          status: 'expired',
          amount: 400,
          createdAt: 30,
          paidAfter: 1,
          refunds: [],
          noise: false,
        },
      ]);
      const scoped = await invitedMember(t, admin, 'clerk', [place.stores[1] as string]);
      const mine = await summary(scoped, {});
      expect(mine.body).toMatchObject({ count: 2, amount: 2900, paid_amount: 2500 });
      expect(mine.body).toEqual(summed(await listAll(scoped, {}, 100)));
      // Naming a store out of reach gives nothing rather than another store's money.
      expect((await summary(scoped, { store_id: place.stores[0] })).body).toMatchObject({ count: 0, amount: 0 });
      expect((await summary(admin, {})).body).toMatchObject({ count: 3, amount: 3900 });
    });

    it.skipIf(backend.name !== 'pglite')(
      'equals the sum over the list pages for random sales and filters',
      async () => {
        const filters = fc.record(
          {
            status: fc.constantFrom(...ORDER_STATUSES),
            wallet: fc.constantFrom(...WALLETS),
            store: fc.nat(1),
            amount_min: fc.integer({ min: 0, max: 5000 }),
            amount_max: fc.integer({ min: 0, max: 5_000_000 }),
            from: fc.integer({ min: 0, max: SPAN_MINUTES }),
            days: fc.integer({ min: 0, max: 20 }),
            q: fc.constantFrom('R-', 'r-0', 'X'),
          },
          { requiredKeys: [] },
        );
        await fc.assert(
          fc.asyncProperty(
            fc.array(saleSpec(SPAN_MINUTES), { maxLength: 60 }),
            filters,
            fc.integer({ min: 5, max: 40 }),
            async (sales, f, limit) => {
              await replaceSales(t.gateway.deps.knex, place, START, sales);
              const from = f.from === undefined ? undefined : new Date(START.getTime() + f.from * 60_000);
              const q = {
                status: f.status,
                wallet: f.wallet,
                store_id: f.store === undefined ? undefined : place.stores[f.store],
                amount_min: f.amount_min,
                amount_max: f.amount_max,
                created_from: from?.toISOString(),
                created_to:
                  from && f.days !== undefined
                    ? new Date(from.getTime() + f.days * 86_400_000).toISOString()
                    : undefined,
                q: f.q,
              };
              const r = await summary(app, q);
              expect(r.status).toBe(200);
              expect(r.body).toEqual(summed(await listAll(app, q, limit)));
            },
          ),
          { numRuns: 30 },
        );
      },
    );
  });
}
