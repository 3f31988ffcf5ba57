import type { Wallet } from '@tillgate/sdk';
import { type Mix, pickFate } from '../play/mix.js';
import type { SeededRandom } from '../play/random.js';
import { sleep } from '../play/sleep.js';
import { type Cast, playStory } from '../play/story.js';
import type { TillRow } from './board.js';

export interface DemoTillPlan {
  cast: Cast;
  /** The wallets this till offers; each order takes one of them. */
  wallets: Wallet[];
  mix: Mix;
  runRef: string;
  random: SeededRandom;
  /** What the board shows for this till; `changed` is told after every change. */
  row: TillRow;
  changed(row: TillRow): void;
  /** Stops the till: no new order, and the current one is left as it stands. */
  stop: AbortSignal;
}

const EXPIRES_IN = 60;

/**
 * A till at human pace: one order at a time, a few seconds apart. Its payer pays after 3–20 s, or never
 * (the till waits for the order to expire), or the till cancels it after 3–10 s, or refunds it in two parts.
 */
export async function runDemoTill(plan: DemoTillPlan): Promise<void> {
  const { cast, random, row, stop } = plan;
  for (let n = 1; !stop.aborted; n++) {
    // The till opens with an order soon, then serves one every few seconds.
    await sleep(n === 1 ? random.int(300, 1500) : random.int(1500, 5000), stop);
    if (stop.aborted) break;
    const fate = pickFate(plan.mix, random);
    const wallet = plan.wallets[random.int(0, plan.wallets.length - 1)] as Wallet;
    const amount = random.int(250, 25_000);
    const delayMs = fate === 'cancel' ? random.int(3000, 10_000) : random.int(3000, 20_000);
    const partial = random.int(1, amount - 1);
    const ref = `${plan.runRef}-${n}`;
    Object.assign(row, { orderId: undefined, ref, amount, wallet, deadline: undefined, status: 'creating' });
    plan.changed(row);
    await playStory(
      {
        ...cast,
        abandon: stop,
        onCreated: (order) => {
          Object.assign(row, { orderId: order.id, status: order.status, deadline: Date.now() + EXPIRES_IN * 1000 });
          plan.changed(row);
        },
      },
      { ref, fate, wallet, amount, delayMs, partial, expiresIn: EXPIRES_IN },
    );
    const played = row.orderId === undefined ? undefined : cast.ledger.orders.get(row.orderId);
    if (!played || played.failure) {
      row.status = 'failed';
      plan.changed(row);
    } else if (played.fate === 'expire' && !stop.aborted) {
      await cast.client.orders.waitFor(played.id, { until: ['expired'], signal: stop }).catch(() => {});
    }
  }
}
