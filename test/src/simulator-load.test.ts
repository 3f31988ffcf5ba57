import { runLoad } from '@tillgate/simulator/load';
import { describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`tillgate-sim load on ${backend.name}`, () => {
    let t!: TestGateway;
    suiteGateway(backend, {}, (suite) => {
      ({ t } = suite);
    });

    it('plays every fate on both demo tills and ends with zero invariant violations', async () => {
      const summary = await runLoad({
        url: t.url,
        credentials: t.demo,
        tillsPerStore: 2,
        rate: 20,
        durationMs: 3000,
        mix: { pay: 40, expire: 20, cancel: 20, refund: 20 },
        seed: 1234,
        wallet: 'mercadopago',
        progress: false,
      });
      expect(summary.failures).toEqual([]);
      expect(summary.violations).toEqual([]);
      for (const fate of ['pay', 'expire', 'cancel', 'refund'] as const)
        expect(summary.fates[fate].orders).toBeGreaterThan(0);
      expect(summary.fates.refund.statuses).toEqual({ refunded: summary.fates.refund.orders });
      expect(summary.refundedCentavos).toBeGreaterThan(0);
    });

    it('creates the stores and tills asked beyond the demo store, plays them all, and reuses them on a rerun', async () => {
      const run = () =>
        runLoad({
          url: t.url,
          credentials: t.demo,
          stores: 3,
          tillsPerStore: 2,
          rate: 20,
          durationMs: 2000,
          mix: { pay: 50, expire: 0, cancel: 25, refund: 25 },
          seed: 777,
          wallet: 'pix',
          progress: false,
        });
      const first = await run();
      expect(first.shortfall).toBeUndefined();
      expect(first.violations).toEqual([]);
      expect(first.failures).toEqual([]);
      expect(new Set(first.tills).size).toBe(6);
      expect(first.tills.slice(0, 2)).toEqual(t.demo.tills.map((till) => till.id));
      const app = await t.api.appToken();
      const tills = await t.api.call<{ data: Array<{ id: string; store_id: string }> }>('GET', '/v1/tills?limit=100', {
        token: app,
      });
      const storeOf = new Map(tills.body.data.map((till) => [till.id, till.store_id]));
      expect(new Set(first.tills.map((id) => storeOf.get(id))).size).toBe(3);
      for (const tillId of first.tills) {
        const orders = await t.api.call<{ data: unknown[] }>('GET', `/v1/orders?till_id=${tillId}`, { token: app });
        expect(orders.body.data.length, tillId).toBeGreaterThan(0);
      }

      const storesBefore = await t.api.call<{ data: Array<{ name: string }> }>('GET', '/v1/stores?limit=100', {
        token: app,
      });
      const second = await run();
      expect(second.violations).toEqual([]);
      expect(second.failures).toEqual([]);
      expect(second.tills).toEqual(first.tills);
      const storesAfter = await t.api.call<{ data: Array<{ name: string }> }>('GET', '/v1/stores?limit=100', {
        token: app,
      });
      expect(storesAfter.body.data).toHaveLength(storesBefore.body.data.length);
      expect(storesAfter.body.data.map((s) => s.name).filter((n) => n.startsWith('sim-777-'))).toEqual([
        'sim-777-store-3',
        'sim-777-store-2',
      ]);
    });
  });
}
