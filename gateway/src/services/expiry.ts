import { appendEvents } from '../store/events.js';
import { expireDue, type OrderRecord } from '../store/orders.js';
import { publishCommitted } from './commit.js';
import type { ServiceDeps } from './deps.js';
import { eventFor } from './event-drafts.js';
import { removeAtProvider } from './provider-calls.js';

const BATCH = 1_000;

/**
 * Expires every pending order whose deadline has passed, in batches. Each batch is one transaction
 * that locks its orders with SKIP LOCKED, so instances running this at once split the work and
 * an order expires exactly once; a payment holding the row lock wins or loses cleanly.
 */
export async function expireDueOrders(deps: ServiceDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const { expired, published } = await deps.knex.transaction(async (trx) => {
      const expired = await expireDue(trx, now, BATCH);
      const published = [];
      // Channels in a fixed order, so two instances expiring at once never wait on each other's counters.
      const channels = [...groupByChannel(expired)].sort(([a], [b]) => a.localeCompare(b));
      for (const [, orders] of channels) {
        const first = orders[0] as OrderRecord;
        const drafts = orders.map((o) => eventFor(deps.ids, 'order.expired', o));
        published.push(
          await appendEvents(trx, { merchantId: first.merchantId, environment: first.environment }, drafts, now),
        );
      }
      return { expired, published };
    });
    for (const events of published) publishCommitted(deps, events);
    removeAtProvider(deps, expired);
    total += expired.length;
    if (expired.length < BATCH) return total;
  }
}

function groupByChannel(orders: OrderRecord[]): Map<string, OrderRecord[]> {
  const groups = new Map<string, OrderRecord[]>();
  for (const o of orders) {
    const key = `${o.merchantId}:${o.environment}`;
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  }
  return groups;
}
