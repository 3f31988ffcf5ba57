import { ManualClock } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { startTestGateway } from './support/gateway.js';

const HOUR = 3_600_000;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`expiry across restarts on ${backend.name}`, () => {
    it('expires, exactly once, the orders whose hour passed while the gateway was down', async () => {
      const storage = await backend.create();
      try {
        const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
        const first = await startTestGateway(storage, { clock });
        const token = await first.api.tillToken(0);
        const orders: Order[] = [];
        for (let i = 0; i < 5; i++)
          orders.push((await first.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 100 + i })).body);
        const survivor = (
          await first.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 999, expires_in: 3600 })
        ).body;
        await first.close();

        clock.advance(HOUR + 1);
        const second = await startTestGateway(storage, { clock });
        try {
          const token2 = await second.api.tillToken(0);
          // Start-up expires what is due before it serves anyone.
          for (const o of orders) expect((await second.api.order(token2, o.id)).status).toBe('expired');
          const events = await second.api.events(token2);
          for (const o of orders)
            expect(events.filter((e) => e.data.order.id === o.id && e.type === 'order.expired')).toHaveLength(1);
          expect(survivor.status).toBe('pending');
        } finally {
          await second.close();
        }
      } finally {
        await storage.drop();
      }
    }, 120_000);
  });
}

const postgres = (await backends()).find((b) => b.name === 'postgres');
describe.skipIf(!postgres || postgres.unavailable)('expiry with two gateways on one PostgreSQL', () => {
  it('splits the work: every due order expires exactly once', async () => {
    const storage = await (postgres as NonNullable<typeof postgres>).create();
    const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
    const a = await startTestGateway(storage, { clock });
    const b = await startTestGateway(storage, { clock });
    try {
      const token = await b.api.tillToken(0);
      const ids: string[] = [];
      for (let i = 0; i < 300; i++)
        ids.push(
          (await b.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 50, expires_in: 60 })).body.id,
        );
      clock.advance(60_000);
      await expect
        .poll(async () => (await b.api.events(token)).filter((e) => e.type === 'order.expired').length, {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(ids.length);
      const expired = (await a.api.events(token)).filter((e) => e.type === 'order.expired').map((e) => e.data.order.id);
      expect(expired.sort()).toEqual([...ids].sort());
    } finally {
      await a.close();
      await b.close();
      await storage.drop();
    }
  });
});
