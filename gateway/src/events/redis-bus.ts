import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StoredEvent } from '../store/events.js';
import type { EventBus } from './bus.js';
import { InProcessBus } from './bus.js';

interface Envelope {
  instance: string;
  events: Array<Omit<StoredEvent, 'createdAt'> & { createdAt: string }>;
}

/**
 * Fans committed events out to every gateway instance through Redis pub/sub: separate publisher and
 * subscriber connections, one Redis subscription per channel however many local subscribers, and an
 * instance id so an instance does not deliver its own events twice (it delivers them locally at once).
 * While Redis is down publishing fails fast and is dropped: the hub reads what it missed from the log.
 */
export class RedisBus implements EventBus {
  readonly instance = randomBytes(8).toString('hex');
  private readonly local = new InProcessBus();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly counts = new Map<string, number>();
  private readonly prefix: string;

  /** `namespace` keeps gateways of different databases apart when they share one Redis. */
  constructor(url: string, namespace: string, log: Logger) {
    this.prefix = `tillgate:${namespace}:events:`;
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (n: number) => Math.min(n * 200, 2000),
    };
    this.publisher = new Redis(url, { ...options, lazyConnect: false });
    // The subscriber queues its SUBSCRIBE commands until connected and re-subscribes after a reconnect.
    this.subscriber = new Redis(url, { retryStrategy: options.retryStrategy, maxRetriesPerRequest: null });
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (err) => log.warn({ err: err.message, role }, 'redis connection error'));
    }
    this.subscriber.on('message', (channel: string, message: string) => this.receive(channel, message, log));
  }

  publish(channel: string, events: StoredEvent[]): void {
    this.local.publish(channel, events);
    const envelope: Envelope = {
      instance: this.instance,
      events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    };
    this.publisher.publish(this.prefix + channel, JSON.stringify(envelope)).catch(() => {
      // Redis is unreachable: other instances' hubs poll the log and catch up.
    });
  }

  subscribe(channel: string, onEvents: (events: StoredEvent[]) => void): () => void {
    const count = this.counts.get(channel) ?? 0;
    this.counts.set(channel, count + 1);
    if (count === 0) void this.subscriber.subscribe(this.prefix + channel).catch(() => {});
    const unsubscribeLocal = this.local.subscribe(channel, onEvents);
    return () => {
      unsubscribeLocal();
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left > 0) this.counts.set(channel, left);
      else {
        this.counts.delete(channel);
        void this.subscriber.unsubscribe(this.prefix + channel).catch(() => {});
      }
    };
  }

  /** Whether both connections are up, for /readyz. */
  async ping(): Promise<boolean> {
    try {
      return (await this.publisher.ping()) === 'PONG' && this.subscriber.status === 'ready';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.local.close();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private receive(channel: string, message: string, log: Logger): void {
    try {
      const envelope = JSON.parse(message) as Envelope;
      if (envelope.instance === this.instance) return;
      const events = envelope.events.map((e) => ({ ...e, createdAt: new Date(e.createdAt) }));
      this.local.publish(channel.slice(this.prefix.length), events);
    } catch (err) {
      log.warn({ err, channel }, 'unreadable event message on redis');
    }
  }
}
