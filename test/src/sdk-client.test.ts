import {
  type Order,
  Tillgate,
  TillgateConflictError,
  TillgatePermissionError,
  TillgateValidationError,
} from '@tillgate/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { appClient, tillClient } from './support/sdk.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`the SDK against a gateway on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let till: Tillgate;

    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage);
      till = tillClient(t);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.drop();
    });

    it('creates, reads, pays, refunds and lists refunds of an order', async () => {
      const wallets = await till.wallets.list();
      expect(wallets.map((w) => w.wallet)).toContain('pix');

      const order = await till.orders.create({ order_ref: ref('SDK'), wallet: 'pix', amount: 1990 });
      expect(order).toMatchObject({ status: 'pending', amount: 1990, wallet: 'pix', till_id: t.demo.tills[0]?.id });
      expect(await till.orders.get(order.id)).toEqual(order);

      const paid = await till.sandbox.pay(order.id);
      expect(paid.status).toBe('approved');
      const partial = await till.orders.refunds.create(order.id, { amount: 500, reason: 'troco' });
      expect(partial).toMatchObject({ order_id: order.id, amount: 500, status: 'succeeded' });
      const rest = await till.orders.refunds.create(order.id);
      expect(rest.amount).toBe(1490);
      expect((await till.orders.refunds.list(order.id)).map((r) => r.id)).toEqual([partial.id, rest.id]);
      expect((await till.orders.get(order.id)).status).toBe('refunded');

      const refused = await till.orders.refunds.create(order.id, { amount: 1 }).catch((e) => e);
      expect(refused).toBeInstanceOf(TillgateConflictError);
      expect(refused.code).toBe('order_not_refundable');
    });

    it('cancels a pending order, and says why a paid one cannot be', async () => {
      const order = await till.orders.create({ order_ref: ref('SDK'), wallet: 'pix', amount: 300 });
      expect(await till.orders.cancel(order.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'requested' });
      const paid = await till.orders.create({ order_ref: ref('SDK'), wallet: 'pix', amount: 300 });
      await till.sandbox.pay(paid.id);
      await expect(till.orders.cancel(paid.id)).rejects.toMatchObject({
        name: 'TillgateConflictError',
        code: 'order_not_cancellable',
      });
      const invalid = await till.orders.create({ order_ref: ref('SDK'), wallet: 'pix', amount: -1 }).catch((e) => e);
      expect(invalid).toBeInstanceOf(TillgateValidationError);
      expect(invalid.errors.map((e: { field: string }) => e.field)).toContain('amount');
    });

    it('lists orders across pages, newest first, with filters', async () => {
      const prefix = ref('PAGE');
      const made: Order[] = [];
      for (let i = 0; i < 7; i++)
        made.push(await till.orders.create({ order_ref: `${prefix}-${i}`, wallet: 'pix', amount: 100 + i }));
      const list = till.orders.list({ q: prefix, limit: 3 });
      const pages = [];
      for await (const page of list.pages()) pages.push(page.data.length);
      expect(pages).toEqual([3, 3, 1]);
      expect((await list.toArray()).map((o) => o.id)).toEqual(made.map((o) => o.id).reverse());
      const filtered = await till.orders.list({ q: prefix, amount_min: 105, limit: 1 }).toArray();
      expect(filtered.map((o) => o.amount)).toEqual([106, 105]);
    });

    it('lists events across pages in seq order, the same as the log', async () => {
      for (let i = 0; i < 3; i++) await till.orders.create({ order_ref: ref('EVT'), wallet: 'pix', amount: 100 });
      const token = await t.api.tillToken(0);
      const log = await t.api.events(token);
      const seqs: number[] = [];
      for await (const event of till.events.list({ limit: 4 })) seqs.push(event.seq);
      expect(seqs).toEqual(log.map((e) => e.seq));
      const created = await till.events.list({ type: 'order.created', after_seq: seqs[2] }).toArray();
      expect(created.every((e) => e.type === 'order.created' && e.seq > (seqs[2] ?? 0))).toBe(true);
    });

    it('lets app credentials create at a named till, and a client secret only read its order', async () => {
      const app = appClient(t);
      const tillId = t.demo.tills[1]?.id as string;
      const order = await app.orders.create({ order_ref: ref('APP'), wallet: 'pix', amount: 2500, till_id: tillId });
      expect(order.till_id).toBe(tillId);
      expect((await app.wallets.list({ till_id: tillId })).length).toBeGreaterThan(0);

      const browser = new Tillgate({ baseUrl: t.url, auth: { clientSecret: order.client_secret } });
      expect((await browser.orders.get(order.id)).id).toBe(order.id);
      await expect(browser.orders.cancel(order.id)).rejects.toBeInstanceOf(TillgatePermissionError);
    });

    it('watches the merchant and a store with app credentials, and an order with its client secret', async () => {
      const app = appClient(t);
      const order = await till.orders.create({ order_ref: ref('WCH'), wallet: 'pix', amount: 800 });
      const browser = new Tillgate({ baseUrl: t.url, auth: { clientSecret: order.client_secret } });
      const streams = [app.watch('merchant'), app.watch({ store: order.store_id }), browser.watch({ order: order.id })];
      await Promise.all(streams.map((s) => s.ready));
      await till.sandbox.pay(order.id);
      for (const stream of streams) {
        for await (const event of stream) {
          if (event.data.order.id !== order.id) continue;
          expect(event).toMatchObject({ type: 'order.approved', data: { order: { status: 'approved' } } });
          break;
        }
      }
    });

    it('waits for a payment that races the subscription, and for one that already happened', async () => {
      const orders = await Promise.all(
        Array.from({ length: 8 }, () => till.orders.create({ order_ref: ref('WAIT'), wallet: 'pix', amount: 700 })),
      );
      const results = await Promise.all(
        orders.map(async (o, i) => {
          const paying = (async () => {
            for (let spin = 0; spin < i; spin++) await Promise.resolve();
            return till.sandbox.pay(o.id);
          })();
          const [waited] = await Promise.all([
            till.orders.waitFor(o.id, { until: ['approved'], timeout: 10_000 }),
            paying,
          ]);
          return waited;
        }),
      );
      expect(results.map((o) => o.status)).toEqual(orders.map(() => 'approved'));
      const first = orders[0] as Order;
      await expect(till.orders.waitFor(first.id, { until: ['approved'] })).resolves.toMatchObject({
        status: 'approved',
      });
    });

    it('stops waiting when the order can no longer reach the status, or at the timeout', async () => {
      const order = await till.orders.create({ order_ref: ref('WAIT'), wallet: 'pix', amount: 700 });
      const waiting = till.orders.waitFor(order.id, { until: ['approved'] });
      await till.orders.cancel(order.id);
      expect((await waiting).status).toBe('cancelled');

      const pending = await till.orders.create({ order_ref: ref('WAIT'), wallet: 'pix', amount: 700 });
      await expect(till.orders.waitFor(pending.id, { until: ['approved'], timeout: 200 })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    });

    // Last: it replaces the gateway the other tests use.
    it('keeps a watch going across a gateway restart with no gap and no duplicate', async () => {
      const tillId = t.demo.tills[0]?.id as string;
      const token = await t.api.tillToken(0);
      const startSeq = (await t.api.events(token)).at(-1)?.seq ?? 0;
      const stream = till.watch({ till: tillId }, { signal: AbortSignal.timeout(20_000) });
      await stream.ready;
      const payTwo = async (client: Tillgate) => {
        for (let i = 0; i < 2; i++) {
          const order = await client.orders.create({ order_ref: ref('RST'), wallet: 'pix', amount: 400 });
          await client.sandbox.pay(order.id);
        }
      };
      await payTwo(till);
      const port = Number(new URL(t.url).port);
      await t.close();
      // A restart, not a new install: the same clock and the credentials the watching client already holds.
      t = await startTestGateway(storage, { port, clock: t.clock, demo: t.demo });
      await payTwo(tillClient(t));

      const log = await t.api.events(await t.api.tillToken(0), startSeq);
      expect(log).toHaveLength(8);
      const seen: number[] = [];
      for await (const event of stream) {
        seen.push(event.seq);
        if (seen.length === log.length) break;
      }
      expect(seen).toEqual(log.map((e) => e.seq));
    });
  });
}
