import { type Answer, type Call, createEmulatorCore, listen, MalformedBody, match, same } from '../kit/index.js';
import { apiRoutes } from './api.js';
import { type Controls, type Merchant, ownRoutes } from './control.js';
import { CieloLedger, type Sale, VoidRefused } from './ledger.js';
import { type Change, type CieloNotification, cieloNotification } from './notifications.js';
import { apiError, CieloApiError, errorAnswer, unavailable } from './problems.js';

/** The merchant an emulator started without options knows (made-up credentials, shaped like Cielo's). */
export const EMULATOR_MERCHANT: Merchant = {
  merchantId: '00000000-c1e1-4000-8000-000000000001',
  merchantKey: 'TILLGATEEMULATORKEYTILLGATEEMULATORKEY01',
};

export interface CieloEmulatorOptions {
  /** Cielo's clock for the dates it writes; tests share the gateway's. */
  now?: () => Date;
  /** Draws which requests and notifications misbehave under a `fraction` or webhook chances. */
  random?: () => number;
  /** Where to listen; port 0 (the default) picks a free one on 127.0.0.1. */
  at?: { host?: string; port?: number };
  /** Merchants known from the start; more are added with `merchant()` or `PUT /_emulator/merchants/{id}`. */
  merchants?: Merchant[];
  /** The receiver written into the BR Codes. */
  payee?: { name: string; city: string };
  /** How long the payer's bank takes to settle a devolução; 0 settles it before Cielo answers. */
  refundSettleMs?: number;
}

export interface CieloEmulator extends Controls {
  readonly ledger: CieloLedger;
  /** `http://127.0.0.1:port`: the transactional and the query base URL alike. */
  readonly url: string;
  /** Stops listening; devoluções and late notifications still waiting are dropped. */
  close(): Promise<void>;
}

/** Cielo's E-commerce API (its Pix QR sale) on loopback, transactional and query paths on one host. */
export async function startCieloEmulator(options: CieloEmulatorOptions = {}): Promise<CieloEmulator> {
  const merchants = new Map<string, Merchant>();
  for (const m of options.merchants ?? [EMULATOR_MERCHANT]) merchants.set(m.merchantId, { ...m });
  const settleMs = options.refundSettleMs ?? 20;
  const timers = new Set<NodeJS.Timeout>();
  /** The payer's bank answers a devolução after `settleMs`; pending ones die with the emulator. */
  const settleLater = (settle: () => void): void => {
    if (settleMs <= 0) {
      settle();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      settle();
    }, settleMs);
    timers.add(timer);
  };
  const sent: CieloNotification[] = [];
  let host = '';

  const ledger = new CieloLedger({
    locationBase: () => host,
    merchantName: options.payee?.name ?? 'PADARIA DEMONSTRACAO',
    merchantCity: options.payee?.city ?? 'SAO PAULO',
    now: options.now ?? (() => new Date()),
  });
  const core = createEmulatorCore<Change, CieloNotification>({
    unavailable,
    notification: cieloNotification,
    ...(options.random ? { random: options.random } : {}),
  });

  /** Notification Post for a status change, when the merchant registered a URL in the portal. */
  const changed = async (sale: Sale): Promise<void> => {
    const merchant = merchants.get(sale.merchantId);
    if (!merchant?.notificationUrl) return;
    sent.push({ PaymentId: sale.paymentId, ChangeType: 1 });
    await core.notifications.notify(merchant.notificationUrl, [{ merchant, paymentId: sale.paymentId, changeType: 1 }]);
  };

  const controls: Controls = {
    ...core.controls,
    get faultCounts() {
      return core.controls.faultCounts;
    },
    merchant: (m) => merchants.set(m.merchantId, { ...m }),
    saleAt(location) {
      const txid = /\/qr\/v2\/([^/]+)$/.exec(location)?.[1];
      const sale = txid ? ledger.all().find((s) => s.txid === txid) : undefined;
      if (!sale) throw new Error(`no sale at ${location}`);
      return sale;
    },
    async pay(paymentId, payOptions) {
      const sale = ledger.pay(paymentId, payOptions);
      // Resolves once the merchant's URL answered (or the notification was held or dropped).
      await changed(sale);
      return sale;
    },
    notificationsSent: sent,
  };

  const routes = apiRoutes(
    ledger,
    {
      changed: (sale) => void changed(sale),
      refundRequested(sale) {
        settleLater(() => {
          ledger.settleRefunds(sale);
          void changed(sale);
        });
      },
    },
    (call) => authorise(call).merchantId,
  );

  /** Every call carries `MerchantId` and `MerchantKey`; a wrong key answers 401 with no body. */
  function authorise(call: Call): Merchant {
    const id = header(call, 'merchantid');
    if (!id) throw apiError(401, 101, 'MerchantId is required');
    const merchant = merchants.get(id);
    if (!merchant) throw apiError(401, 115, 'The provided MerchantId was not found');
    if (!same(header(call, 'merchantkey'), merchant.merchantKey)) throw new CieloApiError(401, []);
    return merchant;
  }

  async function api(call: Call): Promise<Answer> {
    const found = match(routes, call);
    if (!found) return { status: 404 };
    authorise(call);
    return found.route.handle(call, found.params);
  }

  const payers = ownRoutes(controls);
  const server = await listen((call) => core.answer(call, payers, api), answerError, options.at);
  host = server.host;

  return {
    ...controls,
    get faultCounts() {
      return controls.faultCounts;
    },
    ledger,
    url: server.url,
    async close() {
      core.notifications.close();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
    },
  };
}

function header(call: Call, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Cielo's `[{ Code, Message }]`; an empty list answers no body. Anything unexpected is its 500. */
function answerError(err: unknown): Answer {
  if (err instanceof CieloApiError) return err.errors.length ? errorAnswer(err) : { status: err.status };
  if (err instanceof VoidRefused) return errorAnswer(apiError(400, 307, err.message));
  if (err instanceof MalformedBody) return errorAnswer(apiError(400, 0, 'Request body is not valid JSON'));
  return unavailable(500);
}
