import type { Credentials } from './auth/credentials.js';
import { ClientSecret, Session } from './auth/session.js';
import { EventStream, type WatchOptions } from './live/event-stream.js';
import type { OpenSocket } from './live/socket.js';
import { topicOf, type WatchTarget } from './live/topic.js';
import { Events } from './resources/events.js';
import { Orders } from './resources/orders.js';
import type { Request } from './resources/request.js';
import { Sandbox } from './resources/sandbox.js';
import { Wallets } from './resources/wallets.js';
import type { BackoffOptions } from './transport/backoff.js';
import { type Authenticator, Transport } from './transport/transport.js';

export interface TillgateOptions {
  /** The gateway, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Till credentials, app credentials (or a function answering either), or (in a browser) an order's client secret. */
  auth: Credentials;
  /** Replaces the global `fetch` (a proxy agent, a test double). */
  fetch?: typeof fetch;
  /** Retries after the first attempt of a request; default 2. */
  maxRetries?: number;
  /** Milliseconds one attempt may take; default 30 000. */
  timeout?: number;
}

const REQUEST_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 8_000 };
const RECONNECT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000 };

/** The platform-neutral client; `Tillgate` from the package is this with the platform's WebSocket. */
export class TillgateClient {
  readonly orders: Orders;
  readonly wallets: Wallets;
  readonly events: Events;
  /** Test environment only: plays the payer. */
  readonly sandbox: Sandbox;
  /** The transport bound to these credentials, for the resources a platform's client adds. */
  protected readonly request: Request;
  private readonly auth: Authenticator;
  private readonly socketUrl: string;

  constructor(
    options: TillgateOptions,
    private readonly openSocket: OpenSocket,
  ) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const transport = new Transport({
      baseUrl,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      maxRetries: options.maxRetries ?? 2,
      timeoutMs: options.timeout ?? 30_000,
      backoff: REQUEST_BACKOFF,
    });
    this.auth =
      typeof options.auth !== 'function' && 'clientSecret' in options.auth
        ? new ClientSecret(options.auth.clientSecret)
        : new Session(options.auth, transport);
    this.socketUrl = `${baseUrl.replace(/^http/, 'ws')}/v1/ws`;
    const request: Request = (call, requestOptions) => transport.request({ ...call, auth: this.auth }, requestOptions);
    this.request = request;
    this.orders = new Orders(request, (orderId, watchOptions) => this.watch({ order: orderId }, watchOptions));
    this.wallets = new Wallets(request);
    this.events = new Events(request);
    this.sandbox = new Sandbox(request);
  }

  /**
   * Follows a topic's events live, as an async iterable. It reconnects by itself and resumes where it
   * left off, so a `for await` over it sees every event once, in order, across drops and gateway restarts.
   *
   * @example
   * ```ts
   * for await (const event of tillgate.watch({ till: tillId })) {
   *   if (event.type === 'order.approved') console.log('Pago', event.data.order.amount);
   * }
   * ```
   */
  watch(target: WatchTarget, options: WatchOptions = {}): EventStream {
    return new EventStream(
      {
        url: this.socketUrl,
        topic: topicOf(target),
        auth: this.auth,
        open: this.openSocket,
        backoff: RECONNECT_BACKOFF,
      },
      options,
    );
  }
}
