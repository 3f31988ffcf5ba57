import type { StoredEvent } from '../../store/events.js';
import { anyDue, expireDue } from '../../store/orders.js';
import { publishCommitted } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { removeAtProvider } from './provider-calls.js';

/** A tick's first batch is small, so an idle tick costs little; a backlog's batches double up to BATCH. */
const FIRST_BATCH = 250;
const BATCH = 4_000;

/**
 * Expires every pending order whose deadline has passed, in batches. Each batch is one statement that
 * locks its orders with SKIP LOCKED and appends their events, so lanes and instances running this at
 * once split the work and an order expires exactly once; a payment holding the row lock wins or loses
 * cleanly. A tick starts with one small batch, so an idle or steady tick is one statement and its events
 * leave at once; only a backlog (a first batch that came back full) takes `lanes` batches at a time,
 * which overlap one batch's work with another's (their event appends still take the seq counter one at
 * a time, so lanes on a small batch would only queue behind each other).
 */
export async function expireDueOrders(deps: ServiceDeps, lanes = 1): Promise<number> {
  const first = await expireBatch(deps, FIRST_BATCH);
  if (first < FIRST_BATCH) return first;
  const done = await Promise.all(Array.from({ length: lanes }, () => expireInBatches(deps)));
  return done.reduce((a, b) => a + b, first);
}

/**
 * The expiry worker's tick. After a tick that found nothing, the next first asks whether anything is due,
 * an index probe far cheaper than the expiry statement of several CTEs, so a frequent tick costs little
 * while idle; while orders keep expiring, each tick goes straight to work.
 */
export function expiryTick(deps: ServiceDeps, lanes = 1): () => Promise<number> {
  let idle = true;
  return async () => {
    if (idle && !(await anyDue(deps.knex, deps.clock.now()))) return 0;
    const expired = await expireDueOrders(deps, lanes);
    idle = expired === 0;
    return expired;
  };
}

/** Batches that double while they come back full. */
async function expireInBatches(deps: ServiceDeps): Promise<number> {
  let total = 0;
  for (let size = FIRST_BATCH * 2; ; size = Math.min(size * 2, BATCH)) {
    const expired = await expireBatch(deps, size);
    total += expired;
    if (expired < size) return total;
  }
}

async function expireBatch(deps: ServiceDeps, size: number): Promise<number> {
  const eventIds = Array.from({ length: size }, () => deps.ids('evt'));
  const { events, orders } = await expireDue(deps.knex, deps.clock.now(), eventIds);
  for (const channel of byChannel(events)) publishCommitted(deps, channel);
  removeAtProvider(deps, orders);
  return orders.length;
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
