import type { Knex } from 'knex';
import { channelOf } from '../events/bus.js';
import { appendEvents, type ChannelKey, type EventDraft, type StoredEvent } from '../store/events.js';
import type { ServiceDeps } from './deps.js';

/**
 * Runs `work` in one transaction, writes the events it recorded as the transaction's last statement
 * (holding the seq counter lock as briefly as possible), and publishes them once committed.
 */
export async function commitWithEvents<T>(
  deps: ServiceDeps,
  key: ChannelKey,
  work: (trx: Knex.Transaction, events: EventDraft[]) => Promise<T>,
): Promise<T> {
  const { result, stored } = await deps.knex.transaction(async (trx) => {
    const drafts: EventDraft[] = [];
    const result = await work(trx, drafts);
    const stored = drafts.length > 0 ? await appendEvents(trx, key, drafts, deps.clock.now()) : [];
    return { result, stored };
  });
  publishCommitted(deps, stored);
  return result;
}

/** Hands committed events of one channel to the bus; a bus failure loses nothing, the log has them. */
export function publishCommitted(deps: ServiceDeps, events: StoredEvent[]): void {
  const first = events[0];
  if (!first) return;
  for (const e of events) deps.metrics.orderTransitions.inc({ type: e.type });
  try {
    deps.bus.publish(channelOf(first), events);
  } catch (err) {
    deps.log.warn({ err }, 'event publish failed');
  }
}
