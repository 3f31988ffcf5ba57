import { randomUUID } from 'node:crypto';
import type { Order, Tillgate, Wallet } from '@tillgate/sdk';
import type { Ledger, SimulatedOrder } from './ledger.js';
import type { Fate } from './mix.js';
import type { Payer } from './payer.js';
import { sleep } from './sleep.js';

/** One order's story, every choice drawn beforehand so a seed replays it. */
export interface Story {
  ref: string;
  fate: Fate;
  wallet: Wallet;
  amount: number;
  /** How long the payer (or the till, to cancel) takes after the order is shown. */
  delayMs: number;
  /** The first refund's amount, for the `refund` fate. */
  partial: number;
  expiresIn: number;
}

/** Who plays the story: the till's client, the payer of each order, and where the outcome is written. */
export interface Cast {
  tillId: string;
  client: Tillgate;
  payer: Payer;
  ledger: Ledger;
  /** Metadata of every order, to tell the run's orders apart. */
  metadata: Record<string, string>;
  /** The order was created: for live displays. */
  onCreated?(order: Order): void;
  /**
   * Aborted, a story still waiting for its payer or till is abandoned: the order is left to expire. A
   * request already sent is seen through.
   */
  abandon?: AbortSignal;
}

/**
 * Plays a story against the gateway: the till creates the order; then the payer pays after the delay, the
 * till cancels, the order is left to expire, or it is paid and refunded in two parts. Every outcome the
 * gateway confirmed goes into the ledger; an API error ends the story as a failure.
 */
export async function playStory(cast: Cast, story: Story): Promise<void> {
  const { client, ledger } = cast;
  let order: SimulatedOrder | undefined;
  try {
    const t0 = performance.now();
    const created = await client.orders.create({
      order_ref: story.ref,
      wallet: story.wallet,
      amount: story.amount,
      expires_in: story.expiresIn,
      metadata: cast.metadata,
    });
    ledger.createLatenciesMs.push(performance.now() - t0);
    order = {
      id: created.id,
      tillId: cast.tillId,
      fate: story.fate,
      amount: story.amount,
      refunded: 0,
      settled: false,
    };
    ledger.add(order);
    cast.onCreated?.(created);
    await sleep(story.delayMs, cast.abandon);
    if (cast.abandon?.aborted) order.fate = 'expire';
    switch (order.fate) {
      case 'expire':
        break;
      case 'cancel':
        await client.orders.cancel(order.id);
        break;
      case 'pay':
        await cast.payer.pay(client, created);
        break;
      case 'refund':
        await cast.payer.pay(client, created);
        await refundInTwo(client, order, story.partial);
        break;
    }
    order.settled = true;
  } catch (err) {
    const failure = `${story.ref} (${story.fate}): ${(err as Error).message}`;
    if (order) order.failure = failure;
    ledger.failures.push(failure);
  }
}

/** A refund the provider has not settled yet is awaited on the order before it counts. */
async function refundInTwo(client: Tillgate, order: SimulatedOrder, partial: number): Promise<void> {
  for (const amount of [partial, order.amount - partial]) {
    const refund = await client.orders.refunds.create(order.id, { amount }, { idempotencyKey: randomUUID() });
    if (refund.status === 'pending') {
      const last = order.refunded + amount === order.amount;
      const settled = await client.orders.waitFor(order.id, {
        until: last ? ['refunded'] : ['partially_refunded', 'refunded'],
        timeout: 120_000,
      });
      if (settled.refunded_amount < order.refunded + amount)
        throw new Error(`refund ${refund.id} of ${amount} did not settle (order ${settled.status})`);
    } else if (refund.status === 'failed') {
      throw new Error(`refund ${refund.id} of ${amount} failed: ${refund.failure_reason}`);
    }
    order.refunded += amount;
  }
}
