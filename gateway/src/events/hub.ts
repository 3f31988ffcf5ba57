import { type Topic, topicName, topicsOf } from '../domain/topics.js';
import type { ChannelKey, EventQuery, StoredEvent } from '../store/events.js';
import { channelOf, type EventBus } from './bus.js';

export interface EventLog {
  latestSeq(key: ChannelKey): Promise<number>;
  list(key: ChannelKey, q: EventQuery): Promise<StoredEvent[]>;
}

export interface HubOptions {
  /** How long an out-of-order event waits for the missing ones before the hub reads them from the log. */
  gapFillDelayMs?: number;
  /** How often an idle channel checks the log for events the bus never brought. */
  pollIntervalMs?: number;
  onError?: (err: unknown) => void;
}

export interface Subscription {
  /** The latest seq of the channel when the subscription went live. */
  readonly seq: number;
  close(): void;
}

const PAGE = 500;

/**
 * Delivers each channel's events to local subscribers exactly once and in seq order. One bus
 * subscription per channel however many subscribers; replay after `after_seq` joins the live
 * stream with no gap and no duplicate.
 */
export class EventHub {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly bus: EventBus,
    private readonly log: EventLog,
    private readonly options: HubOptions = {},
  ) {}

  async subscribe(
    key: ChannelKey,
    topic: Topic,
    afterSeq: number | undefined,
    deliver: (e: StoredEvent) => void,
  ): Promise<Subscription> {
    const name = channelOf(key);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(key, this.bus, this.log, this.options, () => this.channels.delete(name));
      this.channels.set(name, channel);
    }
    return channel.join(topic, afterSeq, deliver);
  }

  close(): void {
    for (const channel of this.channels.values()) channel.shutdown();
    this.channels.clear();
  }
}

class Subscriber {
  private backlog: StoredEvent[] | undefined = [];
  private lastSeq = 0;
  constructor(
    readonly topic: Topic,
    private readonly deliver: (e: StoredEvent) => void,
  ) {}

  offer(e: StoredEvent): void {
    if (this.backlog) this.backlog.push(e);
    else this.send(e);
  }

  /** Sends the replayed history, then whatever arrived live meanwhile, then goes live. */
  finishReplay(history: StoredEvent[]): void {
    for (const e of history) this.send(e);
    const backlog = this.backlog ?? [];
    this.backlog = undefined;
    for (const e of backlog) this.send(e);
  }

  private send(e: StoredEvent): void {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    this.deliver(e);
  }
}

/**
 * A channel's subscribers by topic name, so an event costs its few topics' lookups, not a pass over
 * every subscriber of the merchant (20,000 tills on one gateway).
 */
class SubscriberIndex {
  private readonly byTopic = new Map<string, Set<Subscriber>>();
  size = 0;

  add(s: Subscriber): void {
    const name = topicName(s.topic);
    const set = this.byTopic.get(name);
    if (set) set.add(s);
    else this.byTopic.set(name, new Set([s]));
    this.size++;
  }

  delete(s: Subscriber): void {
    const name = topicName(s.topic);
    const set = this.byTopic.get(name);
    if (!set?.delete(s)) return;
    this.size--;
    if (set.size === 0) this.byTopic.delete(name);
  }

  offer(e: StoredEvent): void {
    for (const name of topicsOf(e)) {
      const set = this.byTopic.get(name);
      if (set) for (const s of set) s.offer(e);
    }
  }
}

class Channel {
  private readonly subscribers = new SubscriberIndex();
  private readonly early = new Map<number, StoredEvent>();
  private delivered = -1;
  private ready: Promise<void>;
  private gapTimer: NodeJS.Timeout | undefined;
  private readonly pollTimer: NodeJS.Timeout;
  private filling = false;
  private joining = 0;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly key: ChannelKey,
    bus: EventBus,
    private readonly log: EventLog,
    private readonly options: HubOptions,
    private readonly onEmpty: () => void,
  ) {
    this.unsubscribe = bus.subscribe(channelOf(key), (events) => this.accept(events));
    this.ready = log.latestSeq(key).then((seq) => {
      this.delivered = seq;
      this.accept([]);
    });
    this.pollTimer = setInterval(() => void this.fillFromLog(), options.pollIntervalMs ?? 2000);
    this.pollTimer.unref();
  }

  async join(topic: Topic, afterSeq: number | undefined, deliver: (e: StoredEvent) => void): Promise<Subscription> {
    this.joining++;
    const subscriber = new Subscriber(topic, deliver);
    const close = () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.joining === 0) this.shutdown();
    };
    try {
      await this.ready;
      this.subscribers.add(subscriber);
      const seq = this.delivered;
      const history = afterSeq === undefined || afterSeq >= seq ? [] : await this.history(topic, afterSeq, seq);
      subscriber.finishReplay(history);
      return { seq, close };
    } catch (err) {
      this.subscribers.delete(subscriber);
      throw err;
    } finally {
      this.joining--;
      if (this.subscribers.size === 0 && this.joining === 0) this.shutdown();
    }
  }

  shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.pollTimer);
    clearTimeout(this.gapTimer);
    this.onEmpty();
  }

  private async history(topic: Topic, afterSeq: number, upToSeq: number): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    let from = afterSeq;
    for (;;) {
      const page = await this.log.list(this.key, { afterSeq: from, upToSeq, topic, limit: PAGE });
      all.push(...page);
      const last = page.at(-1);
      if (page.length < PAGE || !last) return all;
      from = last.seq;
    }
  }

  private accept(events: StoredEvent[]): void {
    for (const e of events) if (e.seq > this.delivered) this.early.set(e.seq, e);
    if (this.delivered < 0) return;
    for (let next = this.early.get(this.delivered + 1); next; next = this.early.get(this.delivered + 1)) {
      this.early.delete(next.seq);
      this.delivered = next.seq;
      this.subscribers.offer(next);
    }
    for (const seq of this.early.keys()) if (seq <= this.delivered) this.early.delete(seq);
    if (this.early.size > 0 && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.fillFromLog();
      }, this.options.gapFillDelayMs ?? 15);
    }
  }

  /** Reads from the log whatever the bus has not brought yet. */
  private async fillFromLog(): Promise<void> {
    if (this.filling || this.delivered < 0) return;
    this.filling = true;
    try {
      for (;;) {
        const page = await this.log.list(this.key, { afterSeq: this.delivered, limit: PAGE });
        this.accept(page);
        if (page.length < PAGE) break;
      }
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      this.filling = false;
    }
  }
}
