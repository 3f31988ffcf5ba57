import type { Duplex } from 'node:stream';
import type { Environment, Problem, ServerMessage } from '@tillgate/sdk/protocol';
import { WS_CLOSE } from '@tillgate/sdk/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import { parseTopic, type Topic, topicName } from '../domain/topics.js';
import type { Metrics } from '../metrics.js';
import type { Grant } from '../services/accounts/grant.js';
import { canWatch, type Principal, type Watched } from '../services/accounts/principal.js';
import type { TokenRevocations } from '../services/accounts/token-revocations.js';
import { problem } from '../services/errors.js';
import type { ChannelKey, StoredEvent } from '../store/events.js';
import type { EventFrames } from './event-frames.js';
import type { EventHub, Subscription } from './hub.js';
import { callerKey, MessageRate, type WsLimits } from './ws-limits.js';

export interface OrderOwner {
  merchantId: string;
  environment: Environment;
  tillId: string;
  storeId: string;
}

/** What one connection needs of the gateway. */
export interface ConnectionDeps {
  hub: EventHub;
  findOrderOwner(orderId: string): Promise<OrderOwner | undefined>;
  findTill(tillId: string): Promise<{ merchantId: string; storeId: string } | undefined>;
  findStore(storeId: string): Promise<{ merchantId: string } | undefined>;
  /** Each event's frame, shared by every socket that watches its topic. */
  frames: EventFrames;
  /** The grant of an access token sent in an `auth` message; throws when it is not valid. */
  reauthenticate(token: string): Grant;
  revocations: Pick<TokenRevocations, 'ends' | 'hold' | 'release'>;
  clock: Clock;
  limits: WsLimits;
  log: Logger;
  metrics: Metrics;
}

const clientMessage = z.discriminatedUnion('op', [
  z.object({ op: z.literal('subscribe'), topic: z.string().max(100), after_seq: z.int().min(0).optional() }),
  z.object({ op: z.literal('unsubscribe'), topic: z.string().max(100) }),
  z.object({ op: z.literal('auth'), token: z.string().min(1).max(4096) }),
]);

/** A client that cannot keep up is dropped; it resumes with `after_seq` and loses nothing. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How much a burst of frames to one socket gathers before it is written. */
const GATHERED_BYTES = 64 * 1024;

/**
 * One open `/v1/ws` socket: its subscriptions, and the credential it holds. Every frame in and every event
 * out first checks that credential against the in-memory revocations and the token's expiry (no database
 * read), so a revoked or expired socket gets nothing more; the server's sweep closes idle ones too.
 */
export class Connection {
  private readonly subscriptions = new Map<string, Promise<Subscription | undefined>>();
  private readonly rate: MessageRate;
  /** Whether a frame went out already in this turn of the event loop, and how the next ones are held. */
  private writing: 'idle' | 'sent' | 'held' = 'idle';

  constructor(
    private readonly ws: WebSocket,
    /** The socket under `ws`, whose writes one turn of the event loop gathers into one. */
    private readonly socket: Duplex,
    private grant: Grant,
    private readonly deps: ConnectionDeps,
  ) {
    this.rate = new MessageRate(deps.limits.messagesPerSecond);
    deps.revocations.hold(grant.held);
    ws.on('message', (raw, isBinary) => this.receive(raw.toString(), isBinary));
    ws.on('close', () => {
      deps.revocations.release(this.grant.held);
      for (const name of [...this.subscriptions.keys()]) void this.unsubscribe(name);
    });
  }

  /** Whether the socket may go on; closes it with 4401 when its credential has ended or its token expired. */
  verify(): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    const held = this.grant.held;
    const reason = this.deps.revocations.ends(held)
      ? 'credentials revoked'
      : held.kind === 'token' && this.deps.clock.now().getTime() >= held.expiresAt
        ? 'access token expired'
        : undefined;
    if (!reason) return true;
    this.ws.close(WS_CLOSE.credentialsEnded, reason);
    return false;
  }

  private send(message: ServerMessage): void {
    this.write(JSON.stringify(message));
  }

  /** A frame built once for every socket is UTF-8 bytes, sent as text all the same. */
  private write(frame: string | Buffer): void {
    if (!this.verify()) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.gatherWrites();
    this.ws.send(frame, { binary: false });
  }

  /**
   * A replay or a batch of events sends one socket many frames in one turn of the event loop; each would be
   * its own system call. The first frame leaves at once (a till's single event waits for nothing), the
   * rest are held by corking the socket and leave together when the turn ends, or as soon as they fill a
   * write, so the slow-consumer limit still weighs what the peer has not read rather than what we held.
   */
  private gatherWrites(): void {
    if (this.writing === 'held') {
      if (this.socket.writableLength < GATHERED_BYTES) return;
      this.socket.uncork();
      this.socket.cork();
      return;
    }
    if (this.writing === 'idle') {
      this.writing = 'sent';
      queueMicrotask(() => {
        if (this.writing === 'held') this.socket.uncork();
        this.writing = 'idle';
      });
      return;
    }
    this.writing = 'held';
    this.socket.cork();
  }

  private sendError(p: Problem, topic?: string): void {
    this.send({ op: 'error', ...(topic ? { topic: topic as never } : {}), error: p });
  }

  private receive(text: string, isBinary: boolean): void {
    if (!this.verify()) return;
    if (!this.rate.allow()) {
      this.ws.close(WS_CLOSE.policyViolation, 'too many messages');
      return;
    }
    let parsed: z.infer<typeof clientMessage>;
    try {
      if (isBinary) throw new Error('binary');
      parsed = clientMessage.parse(JSON.parse(text));
    } catch {
      this.sendError(
        problem(
          'validation_failed',
          'Send {"op":"subscribe"|"unsubscribe","topic":…,"after_seq"?:n} or {"op":"auth","token":…}',
        ),
      );
      return;
    }
    if (parsed.op === 'auth') {
      this.reauthenticate(parsed.token);
      return;
    }
    const name = parsed.topic;
    if (parsed.op === 'unsubscribe') {
      void this.unsubscribe(name).then(() => this.send({ op: 'unsubscribed', topic: name as never }));
      return;
    }
    const previous = this.subscriptions.get(name);
    const limit = this.deps.limits.subscriptionsPerSocket;
    if (!previous && limit > 0 && this.subscriptions.size >= limit) {
      this.ws.close(WS_CLOSE.policyViolation, 'too many subscriptions');
      return;
    }
    const next = (async () => {
      (await previous)?.close();
      return this.subscribe(name, parsed.after_seq);
    })().catch((err: unknown) => {
      this.deps.log.warn({ err }, 'subscribe failed');
      this.sendError(problem('internal_error', 'The subscription could not start; retry'), name);
      return undefined;
    });
    this.subscriptions.set(name, next);
  }

  /** A fresh token of the same till or app takes over the socket; anything else ends it. */
  private reauthenticate(token: string): void {
    let fresh: Grant;
    try {
      fresh = this.deps.reauthenticate(token);
    } catch {
      this.ws.close(WS_CLOSE.credentialsEnded, 'the token is not valid');
      return;
    }
    if (!sameCaller(fresh.principal, this.grant.principal) || fresh.held.kind !== 'token') {
      this.ws.close(WS_CLOSE.credentialsEnded, 'the token is not for this connection');
      return;
    }
    this.deps.revocations.hold(fresh.held);
    this.deps.revocations.release(this.grant.held);
    this.grant = fresh;
    this.send({ op: 'authenticated', expires_at: new Date(fresh.held.expiresAt).toISOString() });
  }

  private async unsubscribe(name: string): Promise<void> {
    const existing = this.subscriptions.get(name);
    this.subscriptions.delete(name);
    (await existing)?.close();
  }

  private async subscribe(name: string, afterSeq: number | undefined): Promise<Subscription | undefined> {
    const topic = parseTopic(name);
    if (!topic) {
      this.sendError(
        problem('validation_failed', `Unknown topic ${name}`, [
          { field: 'topic', message: 'must be till:…, store:…, order:… or merchant' },
        ]),
        name,
      );
      return undefined;
    }
    const key = await channelFor(this.grant.principal, topic, this.deps);
    if (!key) {
      this.sendError(problem('forbidden', `These credentials may not watch ${name}`), name);
      return undefined;
    }
    // Frames wait until `subscribed` has gone out, so replayed events always follow it.
    let queue: StoredEvent[] | undefined = [];
    const watched = topicName(topic);
    const deliver = (e: StoredEvent) => {
      if (queue) return queue.push(e);
      this.write(this.deps.frames.frame(e, watched));
      this.deps.metrics.eventDeliveryLag.observe((Date.now() - e.createdAt.getTime()) / 1000);
    };
    const subscription = await this.deps.hub.subscribe(key, topic, afterSeq, deliver);
    // The socket may have closed (or been ended) while the hub replayed: nothing must outlive it.
    if (this.ws.readyState !== this.ws.OPEN) {
      subscription.close();
      return undefined;
    }
    this.send({ op: 'subscribed', topic: watched, seq: subscription.seq });
    const pending = queue;
    queue = undefined;
    for (const e of pending) deliver(e);
    return subscription;
  }
}

/** The same till, app, user or order, hence the same merchant and environment. */
function sameCaller(a: Principal, b: Principal): boolean {
  if (callerKey(a) !== callerKey(b)) return false;
  return a.kind === 'order' || b.kind === 'order' || (a.merchantId === b.merchantId && a.environment === b.environment);
}

/** The channel the topic lives in, if the principal may watch it: the rule is `canWatch`'s, this only reads. */
async function channelFor(principal: Principal, topic: Topic, deps: ConnectionDeps): Promise<ChannelKey | undefined> {
  const watched = await lookUp(principal, topic, deps);
  if (!watched || !canWatch(principal, watched)) return undefined;
  if (watched.kind === 'order') return { merchantId: watched.merchantId, environment: watched.environment };
  return principal.kind === 'order'
    ? undefined
    : { merchantId: principal.merchantId, environment: principal.environment };
}

/**
 * What the topic names, from the store. A till's own till needs no read, and a client secret causes none for
 * a topic other than its order; an unknown id reads as undefined, refused as HTTP answers 404.
 */
async function lookUp(principal: Principal, topic: Topic, deps: ConnectionDeps): Promise<Watched | undefined> {
  if (topic.kind === 'merchant') return topic;
  if (principal.kind === 'order' && (topic.kind !== 'order' || topic.id !== principal.orderId)) return undefined;
  if (principal.kind === 'till' && topic.kind === 'till' && topic.id === principal.tillId) {
    return { kind: 'till', merchantId: principal.merchantId, storeId: principal.storeId, tillId: principal.tillId };
  }
  if (topic.kind === 'store') {
    const store = await deps.findStore(topic.id);
    return store && { kind: 'store', merchantId: store.merchantId, storeId: topic.id };
  }
  if (topic.kind === 'till') {
    const till = await deps.findTill(topic.id);
    return till && { kind: 'till', merchantId: till.merchantId, storeId: till.storeId, tillId: topic.id };
  }
  const owner = await deps.findOrderOwner(topic.id);
  return owner && { kind: 'order', ...owner, id: topic.id };
}
