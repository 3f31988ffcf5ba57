import { createHash } from 'node:crypto';
import {
  type Answer,
  at,
  bearerToken,
  type Call,
  controlBody,
  createEmulatorCore,
  type EmulatorControls,
  type Faults,
  listen,
  MalformedBody,
  match,
  type Route,
  same,
} from '../kit/index.js';
import { type Order, PagBankLedger, type PayOptions } from './ledger.js';
import { invalid, notFound, PagBankError, unauthorized, unavailable } from './problems.js';

export interface PagBankEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The account's token: the bearer token it accepts, and what it signs notifications with. */
  token?: string;
  merchantName?: string;
  merchantCity?: string;
  /** PagBank's clock for the times it writes; tests share the gateway's. */
  now?: () => Date;
  /** Draws which requests and notifications misbehave under a `fraction` or webhook chances. */
  random?: () => number;
}

export interface PagBankControls extends EmulatorControls<Faults, Order> {
  /** A payer pays the order's QR in the PagBank app (another `amount`, or refunds its account will refuse). */
  pay(orderId: string, options?: PayOptions): Promise<Order>;
  /** A payer's attempt PagBank declines; the QR stays payable. */
  decline(orderId: string): Promise<Order>;
}

export interface StartedPagBankEmulator extends PagBankControls {
  readonly url: string;
  readonly token: string;
  readonly ledger: PagBankLedger;
  /** Resolves once `count` notifications in all have been attempted. */
  waitForNotifications(count: number, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

/** PagBank's signature of a notification: hex SHA-256 of the token, a hyphen and the exact body sent. */
export const authenticityToken = (token: string, raw: string): string =>
  createHash('sha256').update(`${token}-${raw}`, 'utf8').digest('hex');

/** PagBank's Orders API (QR orders, charges, cancellations) on loopback, with controls to play payers and faults. */
export async function startPagBankEmulator(options: PagBankEmulatorOptions = {}): Promise<StartedPagBankEmulator> {
  const token = options.token ?? 'emulator-pagbank-token';
  let host = '';
  const ledger = new PagBankLedger({
    host: () => host,
    merchantName: options.merchantName ?? 'PADARIA DEMONSTRACAO',
    merchantCity: options.merchantCity ?? 'SAO PAULO',
    now: options.now ?? (() => new Date()),
  });
  const core = createEmulatorCore<Order, Order>({
    unavailable,
    notification: (url, [order]) => ({
      url,
      body: order as Order,
      headers: (raw) => ({ 'x-authenticity-token': authenticityToken(token, raw) }),
    }),
    ...(options.random ? { random: options.random } : {}),
  });
  /** PagBank tells every URL of the order, with the whole order as it now stands. */
  const notify = async (order: Order) => {
    for (const url of order.notification_urls) await core.notifications.notify(url, [order]);
    return order;
  };
  const idempotent = new Map<string, Answer>();
  /** A write with `x-idempotency-key` is done once; its repeats get the first answer. */
  const once = (call: Call, write: () => Answer): Answer => {
    const key = call.headers['x-idempotency-key'];
    if (typeof key !== 'string') return write();
    const scope = `${call.method} ${call.path} ${key}`;
    const done = idempotent.get(scope);
    if (done) return done;
    const answer = write();
    idempotent.set(scope, answer);
    return answer;
  };

  const controls: PagBankControls = {
    ...core.controls,
    get faultCounts() {
      return core.controls.faultCounts;
    },
    pay: (orderId, payOptions) => notify(ledger.pay(orderId, payOptions)),
    decline: (orderId) => notify(ledger.decline(orderId)),
  };

  const api: Route[] = [
    {
      method: 'POST',
      pattern: at('', '/orders'),
      handle: (call) => once(call, () => ({ status: 201, body: ledger.createOrder(call.body) })),
    },
    {
      method: 'GET',
      pattern: at('', '/orders/:id'),
      handle: (_, [id = '']) => ({ status: 200, body: ledger.getOrder(id) }),
    },
    {
      method: 'GET',
      pattern: at('', '/charges/:id'),
      handle: (_, [id = '']) => ({ status: 200, body: ledger.getCharge(id) }),
    },
    {
      method: 'POST',
      pattern: at('', '/charges/:id/cancel'),
      handle: (call, [id = '']) =>
        once(call, () => {
          const charge = structuredClone(ledger.cancelCharge(id, call.body));
          void notify(ledger.orderOfCharge(id));
          return { status: 201, body: charge };
        }),
    },
    {
      method: 'GET',
      pattern: at('', '/public-keys/card'),
      handle: () => ({
        status: 200,
        body: { public_key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAemulator', created_at: 0 },
      }),
    },
  ];

  const payers: Route[] = [
    {
      method: 'POST',
      pattern: at('/_emulator', '/orders/:id/pay'),
      handle: async (call, [id = '']) => {
        const { amount, refunds } = controlBody(call);
        const order = await controls.pay(id, {
          ...(typeof amount === 'number' ? { amount } : {}),
          ...(refunds === 'fail' ? { refunds } : {}),
        });
        return { status: 200, body: order };
      },
    },
    {
      method: 'POST',
      pattern: at('/_emulator', '/orders/:id/decline'),
      handle: async (_, [id = '']) => ({ status: 200, body: await controls.decline(id) }),
    },
    {
      method: 'POST',
      pattern: at('/_emulator', '/pay'),
      handle: async (call) => {
        const { location } = controlBody(call);
        if (typeof location !== 'string') throw invalid('location');
        return { status: 200, body: await controls.pay(ledger.orderAt(location).id) };
      },
    },
  ];

  async function pagbankApi(call: Call): Promise<Answer> {
    const found = match(api, call);
    if (!found) throw notFound(`${call.method} ${call.path}`);
    if (!same(bearerToken(call.headers.authorization), token)) throw unauthorized();
    return found.route.handle(call, found.params);
  }

  const server = await listen(
    (call) => core.answer(call, payers, pagbankApi),
    (err) => {
      if (err instanceof PagBankError) return err.answer();
      if (err instanceof MalformedBody) return invalid('body', 'malformed JSON').answer();
      return unavailable(500);
    },
    { host: options.host, port: options.port },
  );
  host = server.host;

  return {
    ...controls,
    get faultCounts() {
      return core.controls.faultCounts;
    },
    url: server.url,
    token,
    ledger,
    waitForNotifications: (count, timeoutMs) => core.notifications.waitForDeliveries(count, timeoutMs),
    async close() {
      core.notifications.close();
      await server.close();
    },
  };
}
