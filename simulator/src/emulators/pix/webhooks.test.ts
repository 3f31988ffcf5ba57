import { describe, expect, it } from 'vitest';
import type { Pix } from './ledger.js';
import { WebhookSender } from './webhooks.js';

const pix = { endToEndId: 'E1', txid: 't', valor: '1.00', horario: '', devolucoes: [] } as Pix;

/** A sender whose draws come from the list, notifying a receiver that is not there (deliveries fail, and count). */
function sender(draws: number[]) {
  const s = new WebhookSender(() => draws.shift() ?? 0.99);
  s.register('key', 'http://127.0.0.1:9/hook');
  return s;
}

describe('the Pix emulator notification chances', () => {
  it('sends a drawn share twice, never, or late, and the rest once, counting each', async () => {
    const s = sender([0.05, 0.15, 0.25, 0.9]);
    s.chances = { twice: 0.1, never: 0.1, late: 0.1 };
    for (let i = 0; i < 4; i++) await s.notify('key', [pix]);
    expect(s.misbehaved).toEqual({ twice: 1, never: 1, late: 1 });
    expect(s.deliveries).toHaveLength(3);
    expect(await s.release()).toBe(1);
    expect(s.deliveries).toHaveLength(4);
  });

  it('sends a late one by itself after lateMs', async () => {
    const s = sender([0.05]);
    s.chances = { late: 0.5, lateMs: 10 };
    await s.notify('key', [pix]);
    expect(s.deliveries).toHaveLength(0);
    await s.waitForDeliveries(1);
    expect(await s.release()).toBe(0);
  });
});
