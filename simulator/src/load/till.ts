import type { Wallet } from '@tillgate/sdk';
import { type Mix, pickFate } from '../play/mix.js';
import type { SeededRandom } from '../play/random.js';
import { sleep } from '../play/sleep.js';
import { type Cast, playStory } from '../play/story.js';

export interface LoadTillPlan {
  cast: Cast;
  wallet: Wallet;
  mix: Mix;
  /** This till's mean orders per second. */
  rate: number;
  /** Prefix of every order_ref of this till, so its orders can be found again. */
  runRef: string;
  random: SeededRandom;
  /** The till stops creating orders once this is aborted; stories already started run to their end. */
  stop: AbortSignal;
}

const EXPIRES_IN = 60;

/**
 * A till under load: creates orders at its rate (Poisson arrivals) and plays each order's story
 * concurrently with the next. Resolves when every story it started is over.
 */
export async function runLoadTill(plan: LoadTillPlan): Promise<void> {
  const stories: Promise<void>[] = [];
  let n = 0;
  while (!plan.stop.aborted) {
    await sleep(plan.random.exponential(1000 / plan.rate), plan.stop);
    if (plan.stop.aborted) break;
    n += 1;
    // Every draw happens here, in the till's order, so the seed decides the same stories on any machine.
    const fate = pickFate(plan.mix, plan.random);
    const amount = plan.random.int(100, 50_000);
    const delayMs = plan.random.int(50, 1500);
    const partial = plan.random.int(1, amount - 1);
    stories.push(
      playStory(plan.cast, {
        ref: `${plan.runRef}-${n}`,
        fate,
        wallet: plan.wallet,
        amount,
        delayMs,
        partial,
        expiresIn: EXPIRES_IN,
      }),
    );
  }
  await Promise.all(stories);
}
