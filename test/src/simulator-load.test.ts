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
      expect(summary.orders).toBeGreaterThan(20);
      for (const fate of ['pay', 'expire', 'cancel', 'refund'] as const)
        expect(summary.fates[fate].orders).toBeGreaterThan(0);
      expect(summary.fates.refund.statuses).toEqual({ refunded: summary.fates.refund.orders });
      expect(summary.refundedCentavos).toBeGreaterThan(0);
    });
  });
}
