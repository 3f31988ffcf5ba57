import { randomUUID } from 'node:crypto';
import { type Answer, bearerToken, type Call, createEmulatorCore, listen, match, same } from '../kit/index.js';
import { apiRoutes, posRoutes } from './api.js';
import { type Controls, payerRoutes } from './control.js';
import { MercadopagoError } from './errors.js';
import { MercadopagoLedger } from './ledger.js';
import { type OrderNotice, type OrderNotification, orderNotification } from './notifications.js';
import { PointsOfSale } from './pos.js';

export interface MercadopagoEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The application's Access Token the API takes. */
  accessToken?: string;
  /** The application's webhook secret the notifications are signed with. */
  webhookSecret?: string;
  /** The application's webhook URL; also settable later (`setNotificationUrl`, `PUT /_emulator/notification-url`). */
  notificationUrl?: string;
  /** POS external ids registered at the account, for dynamic orders; empty (the default) accepts any. */
  posIds?: string[];
  /**
   * Store external ids registered at the account, under which `POST /pos` makes points of sale; empty (the
   * default) accepts any: a store searched for by its external id is there.
   */
  storeIds?: string[];
  userId?: string;
  /** How long a refund stays `processing` after its answer; 0 (the default) settles it in the answer. */
  refundSettleMs?: number;
  /** Who the QRs say the payer pays. */
  merchant?: { name: string; city: string };
  /** Mercado Pago's clock for what it writes and signs; tests share the gateway's. */
  now?: () => Date;
  /** Draws which requests and notifications misbehave under a `fraction` or webhook chances. */
  random?: () => number;
}

export interface MercadopagoEmulator extends Controls {
  readonly url: string;
  readonly ledger: MercadopagoLedger;
  /** The stores and points of sale, each POS with its printed QR. */
  readonly pointsOfSale: PointsOfSale;
  close(): Promise<void>;
}

/** Mercado Pago's QR Code Orders API on loopback, with controls to play payers, faults and notifications. */
export async function startMercadopagoEmulator(options: MercadopagoEmulatorOptions = {}): Promise<MercadopagoEmulator> {
  const accessToken = options.accessToken ?? 'APP_USR-emulator-access-token';
  const now = options.now ?? (() => new Date());
  const userId = options.userId ?? '1234567890';
  let notificationUrl = options.notificationUrl;
  let host = '';
  let url = '';
  const merchantName = options.merchant?.name ?? 'PADARIA DEMONSTRACAO';
  const merchantCity = options.merchant?.city ?? 'SAO PAULO';

  const pointsOfSale = new PointsOfSale({
    userId,
    url: () => url,
    locationBase: () => host,
    merchantName,
    merchantCity,
    storeIds: options.storeIds ?? [],
    now,
  });
  const ledger = new MercadopagoLedger({
    userId,
    locationBase: () => host,
    merchantName,
    merchantCity,
    posIds: options.posIds ?? [],
    pointsOfSale,
    now,
  });
  const core = createEmulatorCore<OrderNotice, OrderNotification>({
    unavailable: (status) => errorAnswer(new MercadopagoError(status, 'internal_error', 'Internal server error.')),
    notification: orderNotification(options.webhookSecret ?? 'emulator-webhook-secret', '8765432109', now),
    ...(options.random ? { random: options.random } : {}),
  });
  const notify = async (notice: OrderNotice): Promise<void> => {
    if (notificationUrl) await core.notifications.notify(notificationUrl, [notice]);
  };

  // On top of the kit's controls (their getters kept), this provider's own.
  const controls: Controls = Object.assign(Object.create(core.controls) as typeof core.controls, {
    async pay(orderId, payOptions) {
      const order = ledger.pay(orderId, payOptions);
      await notify({ order, action: 'order.processed' });
      return order;
    },
    async expire(orderId) {
      const order = ledger.expire(orderId);
      await notify({ order, action: 'order.expired' });
      return order;
    },
    setNotificationUrl(url) {
      if (url !== undefined) new URL(url);
      notificationUrl = url;
    },
    orderAt: (location: string) => ledger.orderAt(location),
  } satisfies Omit<Controls, keyof typeof core.controls>);

  const timers = new Set<NodeJS.Timeout>();
  const settleLater = (orderId: string, refundId: string): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void notify({ order: ledger.settleRefund(orderId, refundId), action: 'order.refunded' });
    }, options.refundSettleMs);
    timers.add(timer);
  };
  const api = [
    ...apiRoutes(ledger, {
      userId,
      notify: (notice) => void notify(notice),
      ...(options.refundSettleMs ? { settleLater } : {}),
    }),
    ...posRoutes(pointsOfSale, userId),
  ];
  const payers = payerRoutes(controls);

  async function ordersApi(call: Call): Promise<Answer> {
    if (!same(bearerToken(call.headers.authorization), accessToken))
      throw new MercadopagoError(401, 'unauthorized', 'The value sent as Access Token is incorrect.');
    const found = match(api, call);
    if (!found) throw new MercadopagoError(404, 'not_found', `No resource at ${call.method} ${call.path}.`);
    const answer = await found.route.handle(call, found.params);
    return { ...answer, headers: { ...answer.headers, 'x-request-id': randomUUID() } };
  }

  const server = await listen((call) => core.answer(call, payers, ordersApi), errorAnswer, options);
  host = server.host;
  url = server.url;

  const close = (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer);
    core.notifications.close();
    return server.close();
  };
  return Object.assign(controls, { url: server.url, ledger, pointsOfSale, close });
}

/** Every error in the Orders API's words, with Mercado Pago's `x-request-id`. */
function errorAnswer(err: unknown): Answer {
  const error = MercadopagoError.of(err);
  return { status: error.status, body: error.body, headers: { 'x-request-id': randomUUID() } };
}
