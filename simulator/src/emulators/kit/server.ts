import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlRoutes, type EmulatorControls, type ReceivedRequest } from './control.js';
import { FaultPlayer, type Faults } from './faults.js';
import { type Answer, type Call, match, type Route, readCall, send } from './http.js';
import { NotificationSender, type OutgoingNotification } from './notifications.js';
import type { ClientCredentials, ClientOptions } from './oauth.js';
import type { Schedule } from './schedule.js';

/** What every emulator is started with, beside its provider's own options. */
export interface EmulatorOptions extends ClientOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The provider's clock for the times it writes; tests share the gateway's. */
  now?: () => Date;
  /** Draws which requests and notifications misbehave under a `fraction` or webhook chances. */
  random?: () => number;
}

export interface EmulatorCoreOptions<T, B> {
  /** The provider's own answer to a 5xx fault (its error body). */
  unavailable(status: number): Answer;
  /** How the provider writes a notification about these items to this URL. */
  notification(url: string, items: T[]): OutgoingNotification<B>;
  /** Held notifications to one URL go out in one request. */
  batch?: boolean;
  /** Draws which requests and notifications misbehave under a `fraction` or chances. */
  random?: () => number;
}

/** What every emulator is made of: faults, notifications, a record of requests, and the shared controls. */
export interface EmulatorCore<T, B, F extends Faults> {
  readonly faults: FaultPlayer<F>;
  readonly notifications: NotificationSender<T, B>;
  readonly controls: EmulatorControls<F, B>;
  /**
   * Answers one request: the emulator's own controls (`controls`, then the shared ones) first, then,
   * recorded and through the current faults, the provider's API.
   */
  answer(call: Call, own: readonly Route[], api: (call: Call) => Promise<Answer> | Answer): Promise<Answer>;
}

export function createEmulatorCore<T, B, F extends Faults = Faults>(
  options: EmulatorCoreOptions<T, B>,
): EmulatorCore<T, B, F> {
  const faults = new FaultPlayer<F>(options.unavailable, options.random);
  const notifications = new NotificationSender<T, B>(options.notification, {
    ...(options.random ? { random: options.random } : {}),
    ...(options.batch ? { batch: true } : {}),
  });
  const received: ReceivedRequest[] = [];
  const controls: EmulatorControls<F, B> = {
    fail: (f) => faults.fail(f),
    heal: () => faults.heal(),
    get faultCounts() {
      return { api: { ...faults.counts }, webhooks: { ...notifications.misbehaved } };
    },
    setWebhookMode: (mode, chances = {}) => {
      notifications.mode = mode;
      notifications.chances = chances;
    },
    releaseWebhooks: () => notifications.release(),
    received,
    deliveries: notifications.deliveries,
  };
  const shared = controlRoutes(controls);
  return {
    faults,
    notifications,
    controls,
    async answer(call, own, api) {
      const control = match(own, call) ?? match(shared, call);
      if (control) return control.route.handle(call, control.params);
      received.push({ method: call.method, path: call.path, query: Object.fromEntries(call.query), body: call.body });
      return (await faults.misbehave(call)) ?? api(call);
    },
  };
}

export interface Listening {
  /** `http://host:port` */
  readonly url: string;
  /** `host:port`, as a provider writes it into QR locations. */
  readonly host: string;
  close(): Promise<void>;
}

/** An HTTP server on loopback answering every request with `answer`; a thrown error with `errorAnswer`. */
export async function listen(
  answer: (call: Call) => Promise<Answer>,
  errorAnswer: (err: unknown) => Answer,
  at: { host?: string | undefined; port?: number | undefined } = {},
): Promise<Listening> {
  const server = createServer((req, res) => {
    readCall(req)
      .then(answer)
      .then(
        (a) => send(res, a),
        (err: unknown) => send(res, errorAnswer(err)),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port ?? 0, at.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: `http://${host}`,
    host,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Merged<T extends object[]> = T extends [infer H, ...infer R extends object[]] ? H & Merged<R> : unknown;

/** One object of several, their getters kept live (a spread copies a getter's value once: counts would freeze). */
export function live<T extends object[]>(...parts: T): Merged<T> {
  const merged = {};
  for (const part of parts) Object.defineProperties(merged, Object.getOwnPropertyDescriptors(part));
  return merged as Merged<T>;
}

/** What every started emulator answers besides its controls: where it listens, tokens issued, how it stops. */
export interface Started {
  readonly url: string;
  /** Access tokens issued so far. */
  readonly tokensIssued: number;
  close(): Promise<void>;
}

/** The `Started` part of an emulator: closing stops what is scheduled, late notifications, then the server. */
export function started(parts: {
  listening: Listening;
  clients: ClientCredentials;
  later: Schedule;
  notifications: { close(): void };
  /** Where the provider's API answers, when under a path (`/api`). */
  url?: string;
}): Started {
  return {
    url: parts.url ?? parts.listening.url,
    get tokensIssued() {
      return parts.clients.issued;
    },
    async close() {
      parts.later.clear();
      parts.notifications.close();
      await parts.listening.close();
    },
  };
}
