import {
  EVENT_TYPES,
  type EventType,
  type LiveEvent,
  type Order,
  type Page,
  type TillgateEvent,
} from '@tillgate/sdk/protocol';
import type { Topic } from '../../domain/topics.js';
import type { EventLog } from '../../events/hub.js';
import { latestSeq, listEvents, type StoredEvent } from '../../store/events.js';
import { type Principal, requireActor } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';

/** Reads the event log: for `GET /v1/events`, for WebSocket replay, and as the hub's source of truth. */
export class EventService implements EventLog {
  constructor(private readonly deps: ServiceDeps) {}

  latestSeq: EventLog['latestSeq'] = (key) => latestSeq(this.deps.knex, key);
  list: EventLog['list'] = (key, q) => listEvents(this.deps.knex, key, q);

  /** The wire form; the order's client secret is derived here, never stored in the log. */
  view(e: StoredEvent): LiveEvent {
    if (e.type === 'report.updated' || e.orderId === null) return this.plain(e);
    const data = e.data as { order: Omit<Order, 'client_secret'>; refund?: unknown };
    const order = { ...data.order, client_secret: this.deps.clientSecrets.issue(e.orderId) };
    return {
      id: e.id,
      seq: e.seq,
      type: e.type,
      created_at: e.createdAt.toISOString(),
      environment: e.environment,
      data: { ...data, order },
    } as TillgateEvent;
  }

  private plain(e: StoredEvent): LiveEvent {
    const base = { id: e.id, seq: e.seq, created_at: e.createdAt.toISOString(), environment: e.environment };
    return { ...base, type: e.type, data: e.data } as LiveEvent;
  }

  async page(
    principal: Principal,
    q: { afterSeq: number; type?: EventType | undefined; limit: number },
  ): Promise<Page<TillgateEvent>> {
    const actor = requireActor(principal);
    const topic: Topic = actor.kind === 'till' ? { kind: 'till', id: actor.tillId } : { kind: 'merchant' };
    // A user limited to some stores sees only their events, filtered in the query so pages stay full.
    const storeIds = actor.kind === 'user' ? (actor.storeIds ?? undefined) : undefined;
    const events = await this.list(
      { merchantId: actor.merchantId, environment: actor.environment },
      // Only order and refund events: a sales file's progress is for the live panel.
      { afterSeq: q.afterSeq, topic, types: q.type ? [q.type] : [...EVENT_TYPES], storeIds, limit: q.limit },
    );
    const last = events.at(-1);
    return {
      data: events.map((e) => this.view(e) as TillgateEvent),
      next_cursor: events.length === q.limit && last ? String(last.seq) : null,
    };
  }
}
