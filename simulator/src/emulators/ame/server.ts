import {
  type Answer,
  type Call,
  ClientCredentials,
  createEmulatorCore,
  type EmulatorOptions,
  listen,
  live,
  MalformedBody,
  match,
  type OutgoingNotification,
  Schedule,
  type Started,
  started,
} from '../kit/index.js';
import { apiRoutes } from './api.js';
import { type Controls, payerRoutes } from './control.js';
import { AmeError, unauthorized, unavailable } from './errors.js';
import { AmeLedger, type AmeTransaction, type PayOptions } from './ledger.js';

export interface AmeEmulatorOptions extends EmulatorOptions {
  /** Ame's path prefix; Ame's hosts put the API under `/api`, the emulator at its root by default. */
  apiPath?: string;
  /** How long the banks take to settle a refund (HOLD → REFUNDED); 0 settles it before Ame answers. */
  refundSettleMs?: number;
}

export interface AmeEmulator extends Controls, Started {
  readonly ledger: AmeLedger;
  /** Captures Ame applied (AUTHORIZED → SUCCESS); a repeated capture is refused and not counted. */
  readonly captures: number;
}

/**
 * Ame Digital on loopback: OAuth2 client credentials, orders, held payments the seller captures or
 * cancels, refunds by the seller's id, and unsigned callbacks of every payment change to the order's
 * `transactionChangedCallbackUrl`, with the kit's controls to play payers and faults.
 */
export async function startAmeEmulator(options: AmeEmulatorOptions = {}): Promise<AmeEmulator> {
  const settleMs = options.refundSettleMs ?? 20;
  const prefix = options.apiPath ?? '';
  const clients = ClientCredentials.of(options);
  const later = new Schedule();
  let url = '';

  const ledger = new AmeLedger({ baseUrl: () => url + prefix, now: options.now ?? (() => new Date()) });
  const core = createEmulatorCore<AmeTransaction, AmeTransaction>({
    unavailable: (status) => errorAnswer(unavailable(status)),
    notification: ameNotification,
    ...(options.random ? { random: options.random } : {}),
  });
  const callBack = (t: AmeTransaction): Promise<void> =>
    core.notifications.notify(t.attributes.transactionChangedCallbackUrl, [t]);

  const controls: Controls = live(core.controls, {
    async pay(orderId: string, payOptions?: PayOptions) {
      const transaction = ledger.pay(orderId, payOptions);
      await callBack(transaction);
      return transaction;
    },
  });

  const api = apiRoutes(prefix, ledger, {
    changed: (t) => void callBack(t),
    refundRequested(paymentId, refund) {
      // A denied refund is final at once; one on HOLD waits for the banks.
      if (refund.status !== 'HOLD') return void callBack(ledger.getTransaction(paymentId));
      later.after(settleMs, () => void callBack(ledger.settleRefund(paymentId, refund.id)));
    },
  });
  const payers = payerRoutes(controls);

  function issueToken(call: Call): Answer {
    const grant = clients.grant(call);
    if ('refused' in grant) return errorAnswer(new AmeError(grant.refused, grant.error, 'Client credentials refused'));
    return { status: 200, body: { ...grant.granted, token_type: 'bearer' } };
  }

  async function ameApi(call: Call): Promise<Answer> {
    if (call.method === 'POST' && call.path === `${prefix}/auth/oauth/token`) return issueToken(call);
    const found = match(api, call);
    if (!found) throw new AmeError(405, 'method_not_allowed', `No resource at ${call.method} ${call.path}`);
    if (!clients.admits(call)) throw unauthorized('Access token missing, invalid or expired');
    return found.route.handle(call, found.params);
  }

  const server = await listen((call) => core.answer(call, payers, ameApi), errorAnswerOf, options);
  url = server.url;

  return live(
    controls,
    {
      ledger,
      get captures() {
        return ledger.captures;
      },
    },
    started({ listening: server, clients, later, notifications: core.notifications, url: server.url + prefix }),
  );
}

/** Ame's callback: the payment itself, unsigned, to the order's `transactionChangedCallbackUrl` as given. */
const ameNotification = (url: string, [t]: AmeTransaction[]): OutgoingNotification<AmeTransaction> => ({
  url,
  body: t as AmeTransaction,
});

const errorAnswer = (error: AmeError): Answer => ({ status: error.status, body: error });

/** Ame's `{ error, error_description }`; anything unexpected is its 500. */
function errorAnswerOf(err: unknown): Answer {
  if (err instanceof AmeError) return errorAnswer(err);
  if (err instanceof MalformedBody) return errorAnswer(new AmeError(400, 'invalid_request', 'Body is not valid JSON'));
  return errorAnswer(new AmeError(500, 'internal_server_error', String((err as Error)?.message ?? err)));
}
