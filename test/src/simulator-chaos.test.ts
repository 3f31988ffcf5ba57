import { type ChaosSummary, runChaos } from '@tillgate/simulator/chaos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway, WallClock } from './support/gateway.js';
import { type PixUnderTest, pixProvider } from './support/providers.js';
import { redisProblem, SHARED_REDIS_URL } from './support/redis.js';

/** Short enough that a payment whose notification was lost is found within the test. */
const RECONCILE_SOON = { firstAfterMs: 1000, everyMs: 1000, beforeExpiryMs: 5000, leaseMs: 10_000 };

for (const backend of await backends()) {
  const redisMissing = backend.name === 'postgres' ? await redisProblem() : undefined;
  const label = backend.name === 'postgres' ? 'PostgreSQL + Redis' : backend.name;
  describe.skipIf(backend.unavailable ?? redisMissing)(`tillgate-sim chaos on ${label}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let pix: PixUnderTest;

    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage, {
        clock: new WallClock(),
        reconcileTiming: RECONCILE_SOON,
        ...(backend.name === 'postgres' ? { redisUrl: SHARED_REDIS_URL } : {}),
      });
      // Devoluções settle before the PSP answers, as under pnpm start.
      pix = await pixProvider(t, 'bb', { refundSettleMs: 0 });
    });
    afterAll(async () => {
      await pix?.close();
      await t?.close();
      await storage?.drop();
    });

    it('keeps every invariant while notifications are late, doubled and lost, the PSP fails and sockets drop', async () => {
      const summary: ChaosSummary = await runChaos({
        url: t.url,
        credentials: t.demo,
        pixEmulatorUrl: pix.emulator?.url ?? '',
        rate: 8,
        durationMs: 5000,
        mix: { pay: 50, expire: 10, cancel: 15, refund: 25 },
        seed: 4242,
        wallet: 'pix',
        progress: false,
        pix: {
          webhooks: { late: 0.2, lateMs: 500, twice: 0.2, never: 0.2 },
          errors: 0.2,
          slow: 0.2,
          slowMs: 200,
        },
        cutEveryMs: 1000,
      });
      expect(summary.failures).toEqual([]);
      expect(summary.violations).toEqual([]);
      expect(summary.fates.pay.statuses).toEqual({ approved: summary.fates.pay.orders });
      expect(summary.fates.refund.statuses).toEqual({ refunded: summary.fates.refund.orders });
      const { webhooks, api, webSocketCuts } = summary.faults;
      expect(webhooks.late * webhooks.twice * webhooks.never).toBeGreaterThan(0);
      expect(api.status * api.delay).toBeGreaterThan(0);
      expect(webSocketCuts).toBeGreaterThan(0);
    });
  });
}
