import { randomBytes } from 'node:crypto';
import {
  type Answer,
  at,
  type Call,
  controlBody,
  createEmulatorCore,
  type EmulatorControls,
  type Faults,
  type Listening,
  listen,
  MalformedBody,
  match,
  type NotificationSender,
  type Route,
  same,
} from '../kit/index.js';
import { centavosOf, PicPayError, PicPayLedger, type PicPayOrder, summaryOf } from './ledger.js';

/** Where PicPay's e-commerce API lives under its host (`https://appws.picpay.com/ecommerce/public`). */
export const API_PATH = '/ecommerce/public';

export interface PicPayEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** What our calls must carry as `x-picpay-token`. */
  picpayToken?: string;
  /** What the emulator presents as `x-seller-token` on its callbacks. */
  sellerToken?: string;
  /** PicPay's clock (default expiries); tests share the gateway's. */
  now?: () => Date;
  /** Draws which requests and callbacks misbehave under a `fraction` or chances. */
  random?: () => number;
}

/** The kit's faults, and one of PicPay's own: it acts on the (matching) request, then its answer is lost as a 502. */
export interface PicPayFaults extends Faults {
  lostAnswer?: boolean;
}

/** A callback as PicPay sends it: the order, and its authorization once paid. No status: the shop re-reads. */
export interface PicPayCallback {
  referenceId: string;
  authorizationId?: string;
}

export interface PicPayEmulator extends EmulatorControls<PicPayFaults, PicPayCallback> {
  /** `http://host:port` */
  readonly url: string;
  /** The account's `base_url`: `{url}/ecommerce/public`. */
  readonly apiUrl: string;
  readonly ledger: PicPayLedger;
  readonly notifications: NotificationSender<PicPayCallback, PicPayCallback>;
  /** A payer pays the order in the app (another `centavos` is a wrong amount); its callback follows. */
  pay(referenceId: string, options?: { centavos?: number; refunds?: 'fail' }): Promise<PicPayOrder>;
  close(): Promise<void>;
}

const GENERAL_PROBLEM = 'Problema geral, verifique se a transação foi criada ou cancele a mesma.';

/** PicPay's e-commerce API 3.0 on loopback, with controls to play payers and faults. */
export async function startPicPayEmulator(options: PicPayEmulatorOptions = {}): Promise<PicPayEmulator> {
  const picpayToken = options.picpayToken ?? 'emulator-picpay-token';
  const sellerToken = options.sellerToken ?? 'emulator-seller-token';
  const ledger = new PicPayLedger(options.now);
  const core = createEmulatorCore<PicPayCallback, PicPayCallback, PicPayFaults>({
    unavailable: (status) => ({ status, body: { message: GENERAL_PROBLEM } }),
    notification: (url, [callback]) => ({
      url,
      body: callback ?? { referenceId: '' },
      headers: () => ({ 'x-seller-token': sellerToken }),
    }),
    ...(options.random ? { random: options.random } : {}),
  });

  /** PicPay calls the order's callback URL after any change of its status. */
  const changed = async (order: PicPayOrder, before: PicPayOrder['status']) => {
    if (order.status === before) return;
    const { referenceId, authorizationId } = order;
    await core.notifications.notify(order.callbackUrl, [
      { referenceId, ...(authorizationId ? { authorizationId } : {}) },
    ]);
  };
  const writing = async (referenceId: string, write: () => PicPayOrder) => {
    const before = ledger.get(referenceId).status;
    const order = write();
    await changed(order, before);
    return order;
  };
  const pay = (referenceId: string, payer: { centavos?: number; refunds?: 'fail' } = {}) =>
    writing(referenceId, () => ledger.pay(referenceId, payer));

  const api: Route[] = [
    {
      method: 'POST',
      pattern: at(API_PATH, '/payments'),
      handle: (call) => {
        const order = ledger.create(call.body);
        const { referenceId, paymentUrl, expiresAt } = order;
        return { status: 200, body: { referenceId, paymentUrl, expiresAt, qrcode: qrcodeOf(paymentUrl) } };
      },
    },
    {
      method: 'GET',
      pattern: at(API_PATH, '/payments/:referenceId/status'),
      handle: (_call, [ref = '']) => ({ status: 200, body: statusOf(ledger.get(ref)) }),
    },
    {
      method: 'POST',
      pattern: at(API_PATH, '/payments/:referenceId/cancellations'),
      handle: async (call, [ref = '']) => {
        await writing(ref, () => ledger.cancel(ref, call.body));
        return { status: 200, body: { referenceId: ref, cancellationId: objectId() } };
      },
    },
    {
      method: 'POST',
      pattern: at(API_PATH, '/payments/:referenceId/refunds'),
      handle: async (call, [ref = '']) => {
        const order = await writing(ref, () => ledger.refund(ref, call.body));
        return { status: 201, body: { id: objectId(), referenceId: ref, summary: summaryOf(order) } };
      },
    },
  ];

  const own: Route[] = [
    {
      method: 'POST',
      pattern: /^\/_emulator\/payments\/([^/]+)\/pay$/,
      handle: async (call, [ref = '']) => {
        const { value, refunds } = controlBody(call);
        const centavos = value === undefined ? undefined : centavosOf(value);
        if (value !== undefined && centavos === undefined)
          return { status: 400, body: { error: 'value must be reais with at most two decimals' } };
        const order = await pay(ref, {
          ...(centavos === undefined ? {} : { centavos }),
          ...(refunds === 'fail' ? { refunds } : {}),
        });
        return { status: 200, body: statusOf(order) };
      },
    },
    {
      // What a payer's app does with a scanned QR: the checkout link names the order.
      method: 'POST',
      pattern: /^\/_emulator\/pay$/,
      handle: async (call) => {
        const { paymentUrl } = controlBody(call);
        if (typeof paymentUrl !== 'string') return { status: 400, body: { error: 'paymentUrl must be a string' } };
        return { status: 200, body: statusOf(await pay(ledger.atLink(paymentUrl).referenceId)) };
      },
    },
  ];

  const answerApi = async (call: Call): Promise<Answer> => {
    if (!same(headerOf(call, 'x-picpay-token'), picpayToken))
      return { status: 401, body: { message: 'O Token informado é inválido' } };
    const found = match(api, call);
    if (!found) return { status: 404, body: { message: 'Recurso não encontrado.' } };
    const answer = await found.route.handle(call, found.params);
    return losesAnswer(core.faults.current, call) ? { status: 502, body: { message: GENERAL_PROBLEM } } : answer;
  };

  const server: Listening = await listen((call) => core.answer(call, own, answerApi), errorAnswer, options);
  return {
    ...core.controls,
    get faultCounts() {
      return core.controls.faultCounts;
    },
    url: server.url,
    apiUrl: server.url + API_PATH,
    ledger,
    notifications: core.notifications,
    pay,
    async close() {
      core.notifications.close();
      await server.close();
    },
  };
}

/** `lostAnswer` honours the kit's `match` and `times` (spent by the kit before the API runs), not `fraction`. */
function losesAnswer(faults: PicPayFaults, call: Call): boolean {
  if (!faults.lostAnswer) return false;
  return faults.match === undefined || new RegExp(faults.match).test(`${call.method} ${call.path}`);
}

function errorAnswer(err: unknown): Answer {
  if (err instanceof PicPayError) return { status: err.status, body: err.body };
  if (err instanceof MalformedBody)
    return { status: 422, body: { message: 'O corpo da requisição não é JSON válido.' } };
  return { status: 500, body: { message: GENERAL_PROBLEM } };
}

function headerOf(call: Call, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The status answer of API 3.0: no QR and no buyer, as PicPay's guide says. */
function statusOf(order: PicPayOrder) {
  const { referenceId, status, authorizationId } = order;
  return { referenceId, status, ...(authorizationId ? { authorizationId } : {}), summary: summaryOf(order) };
}

/** PicPay's ids look like MongoDB object ids: 24 hex digits. */
const objectId = (): string => randomBytes(12).toString('hex');

/** The QR's content is the checkout link; the image is a placeholder PNG (no QR renderer here). */
const qrcodeOf = (paymentUrl: string) => ({ content: paymentUrl, base64: `data:image/png;base64,${PIXEL}` });
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
