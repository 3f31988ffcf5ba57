import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlRoutes, type EmulatorControls, type ReceivedRequest } from './control.js';
import { FaultPlayer, type Faults } from './faults.js';
import { type Answer, type Call, match, type Route, readCall, send } from './http.js';
import { NotificationSender, type OutgoingNotification } from './notifications.js';

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
