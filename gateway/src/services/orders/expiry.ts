import type { StoredEvent } from '../../store/events.js';
import { expireDue } from '../../store/orders.js';
import { publishCommitted } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { removeAtProvider } from './provider-calls.js';

/** Batches start small, so an idle tick costs little, and double while they come back full. */
const FIRST_BATCH = 250;
const BATCH = 4_000;

/**
 * Expires every pending order whose deadline has passed, in batches, `lanes` batches at once. Each
 * batch is one statement that locks its orders with SKIP LOCKED and appends their events, so lanes
 * and instances running this at once split the work and an order expires exactly once; a payment
 * holding the row lock wins or loses cleanly. Lanes overlap one batch's work with another's; their
 * event appends still take the seq counter one at a time.
 */
export async function expireDueOrders(deps: ServiceDeps, lanes = 1): Promise<number> {
  const done = await Promise.all(Array.from({ length: lanes }, () => expireInBatches(deps)));
  return done.reduce((a, b) => a + b, 0);
}

async function expireInBatches(deps: ServiceDeps): Promise<number> {
  let total = 0;
  for (let size = FIRST_BATCH; ; size = Math.min(size * 2, BATCH)) {
    const eventIds = Array.from({ length: size }, () => deps.ids('evt'));
    const { events, orders } = await expireDue(deps.knex, deps.clock.now(), eventIds);
    for (const channel of byChannel(events)) publishCommitted(deps, channel);
    removeAtProvider(deps, orders);
    total += orders.length;
    if (orders.length < size) return total;
  }
}

/** The events of each merchant environment, in seq order. */
function byChannel(events: StoredEvent[]): StoredEvent[][] {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const key = `${e.merchantId}:${e.environment}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a.seq - b.seq));
}
