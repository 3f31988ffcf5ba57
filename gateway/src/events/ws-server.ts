import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Environment, LiveEvent, Problem, ServerMessage } from '@tillgate/sdk/protocol';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { problem } from '../http/problem.js';
import type { Authenticator } from '../http/route.js';
import type { Metrics } from '../metrics.js';
import { ApiError } from '../services/errors.js';
import { type Principal, seesStore } from '../services/principal.js';
import type { StoredEvent } from '../store/events.js';
import type { EventHub, Subscription } from './hub.js';
import { parseTopic, type Topic, topicName } from './topics.js';

export interface OrderOwner {
  merchantId: string;
  environment: Environment;
  tillId: string;
  storeId: string;
}

export interface WsOptions {
  authenticate: Authenticator;
  hub: EventHub;
  findOrderOwner(orderId: string): Promise<OrderOwner | undefined>;
  findTill(tillId: string): Promise<{ merchantId: string; storeId: string } | undefined>;
  view(e: StoredEvent): LiveEvent;
  log: Logger;
  metrics: Metrics;
  pingIntervalMs?: number;
  idleTimeoutMs?: number;
}

const clientMessage = z.discriminatedUnion('op', [
  z.object({ op: z.literal('subscribe'), topic: z.string().max(100), after_seq: z.int().min(0).optional() }),
  z.object({ op: z.literal('unsubscribe'), topic: z.string().max(100) }),
]);

/** A client that cannot keep up is dropped; it resumes with `after_seq` and loses nothing. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const GOING_AWAY = 1001;

/** `/v1/ws`: authenticates on the upgrade (401 there), then serves subscribe/unsubscribe per API.md. */
export function attachWebSocketServer(server: Server, options: WsOptions): { close(): void } {
  // No per-message deflate: its zlib contexts cost hundreds of KiB per socket, and frames are small.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const lastSeen = new WeakMap<WebSocket, number>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://gateway').pathname !== '/v1/ws')
      return refuse(socket, problem('route_not_found', 'WebSockets live at /v1/ws'));
    options.authenticate(req, 'token-or-client-secret').then(
      (principal) =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          lastSeen.set(ws, Date.now());
          options.metrics.webSockets.inc();
          ws.on('close', () => options.metrics.webSockets.dec());
          serveConnection(ws, principal, options, () => lastSeen.set(ws, Date.now()));
        }),
      (err: unknown) =>
        refuse(socket, err instanceof ApiError ? problem(err.code, err.detail) : problem('unauthenticated')),
    );
  });

  const idleTimeout = options.idleTimeoutMs ?? 60_000;
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (Date.now() - (lastSeen.get(ws) ?? 0) > idleTimeout) ws.terminate();
      else ws.ping();
    }
  }, options.pingIntervalMs ?? 25_000);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(GOING_AWAY, 'going away');
      // A peer that never answers the close frame must not hold the drain up.
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 2000).unref();
      wss.close();
    },
  };
}

function refuse(socket: Duplex, p: Problem): void {
  const body = JSON.stringify(p);
  const reason = p.status === 401 ? 'Unauthorized' : p.status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${p.status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function serveConnection(ws: WebSocket, principal: Principal, options: WsOptions, touch: () => void): void {
  const subscriptions = new Map<string, Promise<Subscription | undefined>>();
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
    ws.send(JSON.stringify(message));
  };
  const sendError = (p: Problem, topic?: string) =>
    send({ op: 'error', ...(topic ? { topic: topic as never } : {}), error: p });

  const unsubscribe = async (name: string) => {
    const existing = subscriptions.get(name);
    subscriptions.delete(name);
    (await existing)?.close();
  };

  const subscribe = async (name: string, afterSeq: number | undefined): Promise<Subscription | undefined> => {
    const topic = parseTopic(name);
    if (!topic) {
      sendError(
        problem('validation_failed', `Unknown topic ${name}`, [
          { field: 'topic', message: 'must be till:…, store:…, order:… or merchant' },
        ]),
        name,
      );
      return undefined;
    }
    const key = await channelFor(principal, topic, options);
    if (!key) {
      sendError(problem('forbidden', `These credentials may not watch ${name}`), name);
      return undefined;
    }
    // Frames wait until `subscribed` has gone out, so replayed events always follow it.
    let queue: StoredEvent[] | undefined = [];
    const deliver = (e: StoredEvent) => {
      if (queue) return queue.push(e);
      send({ op: 'event', topic: topicName(topic), event: options.view(e) });
      options.metrics.eventDeliveryLag.observe((Date.now() - e.createdAt.getTime()) / 1000);
    };
    const subscription = await options.hub.subscribe(key, topic, afterSeq, deliver);
    send({ op: 'subscribed', topic: topicName(topic), seq: subscription.seq });
    const pending = queue;
    queue = undefined;
    for (const e of pending) deliver(e);
    return subscription;
  };

  ws.on('pong', touch);
  ws.on('message', (raw) => {
    touch();
    let parsed: z.infer<typeof clientMessage>;
    try {
      parsed = clientMessage.parse(JSON.parse(raw.toString()));
    } catch {
      return sendError(problem('validation_failed', 'Send {"op":"subscribe"|"unsubscribe","topic":…,"after_seq"?:n}'));
    }
    const name = parsed.topic;
    if (parsed.op === 'unsubscribe') {
      void unsubscribe(name).then(() => send({ op: 'unsubscribed', topic: name as never }));
      return;
    }
    const previous = subscriptions.get(name);
    const next = (async () => {
      (await previous)?.close();
      return subscribe(name, parsed.after_seq);
    })().catch((err: unknown) => {
      options.log.warn({ err }, 'subscribe failed');
      sendError(problem('internal_error', 'The subscription could not start; retry'), name);
      return undefined;
    });
    subscriptions.set(name, next);
  });
  ws.on('close', () => {
    for (const name of [...subscriptions.keys()]) void unsubscribe(name);
  });
}

type ChannelKey = { merchantId: string; environment: Environment };

/** The merchant channel the topic lives in, if the principal may watch it. */
async function channelFor(principal: Principal, topic: Topic, options: WsOptions): Promise<ChannelKey | undefined> {
  if (principal.kind === 'app') return { merchantId: principal.merchantId, environment: principal.environment };
  if (principal.kind === 'user') return userChannel(principal, topic, options);
  if (principal.kind === 'till' && topic.kind === 'till' && topic.id === principal.tillId) {
    return { merchantId: principal.merchantId, environment: principal.environment };
  }
  if (topic.kind !== 'order') return undefined;
  if (principal.kind === 'order' && principal.orderId !== topic.id) return undefined;
  const owner = await options.findOrderOwner(topic.id);
  if (!owner) return undefined;
  if (
    principal.kind === 'till' &&
    (owner.tillId !== principal.tillId ||
      owner.merchantId !== principal.merchantId ||
      owner.environment !== principal.environment)
  ) {
    return undefined;
  }
  return { merchantId: owner.merchantId, environment: owner.environment };
}

/** A panel user watches what its stores reach: the whole merchant only when limited to no store. */
async function userChannel(
  user: Extract<Principal, { kind: 'user' }>,
  topic: Topic,
  options: WsOptions,
): Promise<ChannelKey | undefined> {
  const key = { merchantId: user.merchantId, environment: user.environment };
  if (topic.kind === 'merchant') return user.storeIds === null ? key : undefined;
  if (topic.kind === 'store') return seesStore(user, topic.id) ? key : undefined;
  const owner = topic.kind === 'till' ? await options.findTill(topic.id) : await options.findOrderOwner(topic.id);
  if (!owner || owner.merchantId !== user.merchantId || !seesStore(user, owner.storeId)) return undefined;
  if ('environment' in owner && owner.environment !== user.environment) return undefined;
  return key;
}
