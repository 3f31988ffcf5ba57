import { type ChaosSummary, runChaos } from '@tillgate/simulator/chaos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ameProvider } from './support/ame.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway, WallClock } from './support/gateway.js';
import { type ProviderUnderTest, pixProvider } from './support/providers.js';
import { redisProblem, SHARED_REDIS_URL } from './support/redis.js';

/** Short enough that a payment whose notification was lost is found within the test. */
const RECONCILE_SOON = { firstAfterMs: 1000, everyMs: 1000, beforeExpiryMs: 5000, leaseMs: 10_000 };

for (const backend of await backends()) {
  const redisMissing = backend.name === 'postgres' ? await redisProblem() : undefined;
  const label = backend.name === 'postgres' ? 'PostgreSQL + Redis' : backend.name;
  describe.skipIf(backend.unavailable ?? redisMissing)(`tillgate-sim chaos on ${label}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let pix: ProviderUnderTest & { emulator?: { url: string } };
    let ame: Awaited<ReturnType<typeof ameProvider>>;

    beforeAll(async () => {
      storage = await backend.create();
      t = await startTestGateway(storage, {
        clock: new WallClock(),
        reconcileTiming: RECONCILE_SOON,
        ...(backend.name === 'postgres' ? { redisUrl: SHARED_REDIS_URL } : {}),
      });
      // Devoluções settle before the PSP answers, as under pnpm start.
      pix = await pixProvider(t, 'bb', { refundSettleMs: 0 });
      ame = await ameProvider(t);
    });
    afterAll(async () => {
      await pix?.close();
      await ame?.close();
      await t?.close();
      await storage?.drop();
    });

    /** A short chaos run of one wallet, its provider's emulator playing every fault, and what must hold after. */
    async function chaosOf(wallet: 'pix' | 'ame', emulatorUrl: string): Promise<ChaosSummary> {
      const summary: ChaosSummary = await runChaos({
        url: t.url,
        credentials: t.demo,
        emulatorUrl,
        rate: 8,
        durationMs: 5000,
        mix: { pay: 50, expire: 10, cancel: 15, refund: 25 },
        seed: 4242,
        wallet,
        progress: false,
        faults: {
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
      return summary;
    }

    it('keeps every invariant while notifications are late, doubled and lost, the PSP fails and sockets drop', async () => {
      await chaosOf('pix', pix.emulator?.url ?? '');
    });

    // A wallet's emulator on the same kit plays the same faults; Ame adds its capture step to the race.
    it.skipIf(backend.name !== 'pglite')('holds them for a wallet too: Ame, each payment captured once', async () => {
      const { fates } = await chaosOf('ame', ame.emulator.url);
      // Every order paid (and then kept or refunded) was captured, and only once, whatever the notifications did.
      expect(ame.emulator.ledger.captures).toBe(fates.pay.orders + fates.refund.orders);
    });
  });
}
