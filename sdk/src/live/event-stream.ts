import {
  errorFromProblem,
  TillgateAPIError,
  TillgateAuthenticationError,
  TillgateConnectionError,
  TillgateRateLimitError,
} from '../errors.js';
import { isOrderEvent, type ServerMessage, type TillgateEvent, type Topic } from '../protocol/index.js';
import { type BackoffOptions, backoffDelay, sleep } from '../transport/backoff.js';
import type { Authenticator } from '../transport/transport.js';
import type { LiveSocket, OpenSocket, SocketCredential } from './socket.js';

/**
 * @example
 * ```ts
 * const stream = tillgate.watch({ till: tillId }, { afterSeq: lastSeen, signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface WatchOptions {
  /** Replay the events after this seq first (from `events.list` or an earlier stream), then go live. */
  afterSeq?: number;
  /** Stops watching; iteration then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The gateway no longer keeps the events since the last one seen: re-read the state you need over HTTP. */
  onReset?: () => void;
}

export interface StreamDeps {
  url: string;
  topic: Topic;
  auth: Authenticator;
  open: OpenSocket;
  backoff: BackoffOptions;
}

const CLOSED = new Error('The event stream was closed');

/**
 * A live stream of one topic's events, in seq order. Before its access token expires it hands the gateway
 * the fresh one (`{op: 'auth'}`), so the socket stays open. It reconnects with backoff whenever the
 * connection drops (a network fault, a gateway restart, or a 4401 close when its credentials were revoked:
 * then with a fresh token) and resumes with `after_seq`, dropping anything at or below the last seq it
 * delivered: the consumer sees no gap and no duplicate.
 */
export class EventStream implements AsyncIterable<TillgateEvent> {
  readonly topic: Topic;
  /** Resolves once the subscription is live: every event after this point will be delivered. */
  readonly ready: Promise<void>;
  private lastSeq: number | undefined;
  private readonly buffer: TillgateEvent[] = [];
  private failure: unknown;
  private closed = false;
  private socket: LiveSocket | undefined;
  private wake: (() => void) | undefined;
  private settleReady: { resolve(): void; reject(err: unknown): void } | undefined;

  constructor(
    private readonly deps: StreamDeps,
    private readonly options: WatchOptions = {},
  ) {
    this.topic = deps.topic;
    this.lastSeq = options.afterSeq;
    this.ready = new Promise((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    this.ready.catch(() => {});
    const { signal } = options;
    if (signal?.aborted) {
      this.stop(signal.reason);
      return;
    }
    signal?.addEventListener('abort', () => this.stop(signal.reason), { once: true });
    void this.run();
  }

  /** Stops the stream; a `for await` over it ends. Leaving the loop early does this too. */
  close(): void {
    this.stop(undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TillgateEvent, void, undefined> {
    try {
      for (;;) {
        if (this.failure !== undefined) throw this.failure;
        if (this.closed) return;
        const next = this.buffer.shift();
        if (next) yield next;
        else
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
      }
    } finally {
      this.close();
    }
  }

  private stop(failure: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.failure = failure;
    this.settleReady?.reject(failure ?? CLOSED);
    this.socket?.close();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async run(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        const credential = { kind: this.deps.auth.kind, value: await this.deps.auth.bearer() };
        if (this.closed) return;
        if (await this.connect(credential)) attempt = 0;
      } catch (err) {
        // After a rotation the new pair may reach the credential source a moment after the old one is refused.
        const transient =
          err instanceof TillgateConnectionError ||
          err instanceof TillgateAPIError ||
          err instanceof TillgateRateLimitError ||
          (err instanceof TillgateAuthenticationError && this.deps.auth.credentialsMayChange === true);
        if (!transient) return this.stop(err);
      }
      if (this.closed) return;
      await sleep(backoffDelay(attempt, this.deps.backoff), this.options.signal).catch(() => {});
    }
  }

  /** One connection; resolves when it closes, with whether it got as far as a live subscription. */
  private connect(credential: SocketCredential): Promise<boolean> {
    return new Promise((resolve) => {
      let subscribed = false;
      let renewal: ReturnType<typeof setTimeout> | undefined;
      const keepFresh = (current: string, atLeastMs = 0) => {
        const inMs = this.deps.auth.renewsInMs?.();
        if (inMs === undefined) return;
        renewal = setTimeout(
          () => {
            this.deps.auth.bearer().then(
              (token) => {
                if (this.socket !== socket) return;
                // The same token again (a renewal not yet due): ask later, not in a tight loop.
                if (token === current) return keepFresh(current, 1000);
                socket.send(JSON.stringify({ op: 'auth', token }));
                keepFresh(token);
              },
              // Left as it is, the gateway closes the socket at the token's expiry, and the stream reconnects.
              () => {},
            );
          },
          Math.max(inMs, atLeastMs),
        );
      };
      const socket = this.deps.open(this.deps.url, credential, {
        open: () => {
          const resume = this.lastSeq === undefined ? {} : { after_seq: this.lastSeq };
          socket.send(JSON.stringify({ op: 'subscribe', topic: this.topic, ...resume }));
          if (credential.kind === 'access_token') keepFresh(credential.value);
        },
        message: (text) => {
          if (this.receive(JSON.parse(text) as ServerMessage, socket)) subscribed = true;
        },
        close: ({ unauthorized }) => {
          clearTimeout(renewal);
          if (this.socket === socket) this.socket = undefined;
          if (unauthorized) this.deps.auth.renew();
          resolve(subscribed);
        },
      });
      this.socket = socket;
    });
  }

  /** Handles one frame; true when it confirms the subscription. */
  private receive(message: ServerMessage, socket: LiveSocket): boolean {
    switch (message.op) {
      case 'subscribed':
        this.lastSeq ??= message.seq;
        this.settleReady?.resolve();
        return true;
      case 'event':
        if (this.lastSeq !== undefined && message.event.seq <= this.lastSeq) return false;
        this.lastSeq = message.event.seq;
        // The stream is of orders; a sales file's progress or a payment link's (merchant topic) is not.
        if (!isOrderEvent(message.event)) return false;
        this.buffer.push(message.event);
        this.notify();
        return false;
      case 'reset':
        this.lastSeq = undefined;
        this.options.onReset?.();
        return false;
      case 'error': {
        const error = errorFromProblem(message.error);
        // A topic these credentials may not watch will not become watchable by reconnecting.
        if (error.status !== undefined && error.status < 500) this.stop(error);
        else socket.close();
        return false;
      }
      default:
        return false;
    }
  }
}
