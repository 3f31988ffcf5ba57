import { describe, expect, it } from 'vitest';
import { NotificationSender } from './notifications.js';

/** A sender whose draws come from the list, notifying a receiver that is not there (deliveries fail, and count). */
function sender(draws: number[]) {
  return new NotificationSender((url, items: number[]) => ({ url, body: items }), {
    random: () => draws.shift() ?? 0.99,
  });
}
const HOOK = 'http://127.0.0.1:9/hook';

describe('an emulator’s notification chances', () => {
  it('sends a drawn share twice, never, or late, and the rest once, counting each', async () => {
    const s = sender([0.05, 0.15, 0.25, 0.9]);
    s.chances = { twice: 0.1, never: 0.1, late: 0.1 };
    for (let i = 0; i < 4; i++) await s.notify(HOOK, [i]);
    expect(s.misbehaved).toEqual({ twice: 1, never: 1, late: 1 });
    expect(s.deliveries).toHaveLength(3);
    expect(await s.release()).toBe(1);
    expect(s.deliveries).toHaveLength(4);
  });

  it('sends a late one by itself after lateMs', async () => {
    const s = sender([0.05]);
    s.chances = { late: 0.5, lateMs: 10 };
    await s.notify(HOOK, [1]);
    expect(s.deliveries).toHaveLength(0);
    await s.waitForDeliveries(1);
    expect(await s.release()).toBe(0);
  });

  it('batches held notifications to one URL only when asked to', async () => {
    for (const batch of [false, true]) {
      const s = new NotificationSender((url, items: number[]) => ({ url, body: items }), { batch });
      s.mode = 'late';
      await s.notify(HOOK, [1]);
      await s.notify(HOOK, [2]);
      expect(await s.release()).toBe(2);
      expect(s.deliveries.map((d) => d.body)).toEqual(batch ? [[1, 2]] : [[1], [2]]);
    }
  });
});
