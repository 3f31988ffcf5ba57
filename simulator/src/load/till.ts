import { randomUUID } from 'node:crypto';
import type { Tillgate, Wallet } from '@tillgate/sdk';
import type { Ledger, SimulatedOrder } from './ledger.js';
import { type Mix, pickFate } from './mix.js';
import type { SeededRandom } from './random.js';

export interface TillPlan {
  tillId: string;
  client: Tillgate;
  wallet: Wallet;
  mix: Mix;
  /** This till's mean orders per second. */
  rate: number;
  /** Prefix of every order_ref of this run, so its orders can be found again. */
  runRef: string;
  random: SeededRandom;
  ledger: Ledger;
  /** The till stops creating orders once this is aborted; stories already started run to their end. */
  stop: AbortSignal;
}

const EXPIRES_IN = 60;

/**
 * A till: creates orders at its rate (Poisson arrivals) and plays each order's story (the payer pays after
 * a short delay, the till cancels, or refunds in two parts) concurrently with the next. Resolves when
 * every story it started is over.
 */
export async function runTill(plan: TillPlan): Promise<void> {
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
    stories.push(playStory(plan, { ref: `${plan.runRef}-${n}`, fate, amount, delayMs, partial }));
  }
  await Promise.all(stories);
}

interface Story {
  ref: string;
  fate: SimulatedOrder['fate'];
  amount: number;
  delayMs: number;
  /** The first refund's amount, for the `refund` fate. */
  partial: number;
}

async function playStory(plan: TillPlan, story: Story): Promise<void> {
  const { client, ledger } = plan;
  let order: SimulatedOrder | undefined;
  try {
    const t0 = performance.now();
    const created = await client.orders.create({
      order_ref: story.ref,
      wallet: plan.wallet,
      amount: story.amount,
      expires_in: EXPIRES_IN,
      metadata: { simulator: plan.runRef },
    });
    ledger.createLatenciesMs.push(performance.now() - t0);
    order = {
      id: created.id,
      tillId: plan.tillId,
      fate: story.fate,
      amount: story.amount,
      refunded: 0,
      settled: false,
    };
    ledger.add(order);
    await sleep(story.delayMs);
    switch (story.fate) {
      case 'expire':
        break;
      case 'cancel':
        await client.orders.cancel(order.id);
        break;
      case 'pay':
        await payAndConfirm(client, order.id);
        break;
      case 'refund': {
        await payAndConfirm(client, order.id);
        for (const amount of [story.partial, story.amount - story.partial]) {
          await client.orders.refunds.create(order.id, { amount }, { idempotencyKey: randomUUID() });
          order.refunded += amount;
        }
        break;
      }
    }
    order.settled = true;
  } catch (err) {
    const failure = `${story.ref} (${story.fate}): ${(err as Error).message}`;
    if (order) order.failure = failure;
    ledger.failures.push(failure);
  }
}

/** A provider with an emulator applies the payment asynchronously, so the till waits to see it approved. */
async function payAndConfirm(client: Tillgate, orderId: string): Promise<void> {
  const paid = await client.sandbox.pay(orderId);
  if (paid.status !== 'approved') await client.orders.waitFor(orderId, { until: ['approved'], timeout: 30_000 });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
