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
  Schedule,
  type Started,
  started,
} from '../kit/index.js';
import { apiRoutes } from './api.js';
import { type Controls, type PixFaults, payerRoutes } from './control.js';
import type { Pix } from './ledger.js';
import { type Cob, PixLedger } from './ledger.js';
import { accessDenied, PixProblem, unavailable } from './problems.js';
import { type PixNotification, PixWebhooks, pixNotification } from './webhooks.js';

export interface PixEmulatorOptions extends EmulatorOptions {
  /** Where the OAuth2 token endpoint lives, as the bank's profile says. */
  tokenPath?: string;
  /** The API Pix path prefix, e.g. `/pix/v2`. */
  apiPath?: string;
  /** A query parameter every API call must carry (Banco do Brasil's `gw-dev-app-key`). */
  requiredQuery?: { name: string; value: string };
  /** The receiver's Pix keys; empty accepts any. */
  pixKeys?: string[];
  merchantName?: string;
  merchantCity?: string;
  ispb?: string;
  /** How long the payer's bank takes to settle a devolução; 0 settles it before the PSP answers. */
  refundSettleMs?: number;
}

export interface PixEmulator extends Controls, Started {
  readonly ledger: PixLedger;
  readonly webhooks: PixWebhooks;
}

/** A Pix PSP on loopback speaking the API Pix subset of `PIX.md`, with controls to play payers and faults. */
export async function startPixEmulator(options: PixEmulatorOptions = {}): Promise<PixEmulator> {
  const tokenPath = options.tokenPath ?? '/oauth/token';
  const settleMs = options.refundSettleMs ?? 20;
  const clients = ClientCredentials.of(options);
  const later = new Schedule();
  let host = '';

  const ledger = new PixLedger({
    // Locations live at the host's root, like PSPs' short QR hosts: a BR Code location fits 77 characters.
    locationBase: () => host,
    merchantName: options.merchantName ?? 'PADARIA DEMONSTRACAO',
    merchantCity: options.merchantCity ?? 'SAO PAULO',
    pixKeys: options.pixKeys ?? [],
    ispb: options.ispb ?? '99999008',
    now: options.now ?? (() => new Date()),
  });
  const core = createEmulatorCore<Pix, PixNotification, PixFaults>({
    unavailable: (status) => problemAnswer(unavailable(status)),
    notification: pixNotification,
    batch: true,
    ...(options.random ? { random: options.random } : {}),
  });
  const webhooks = new PixWebhooks(core.notifications);
  const chaveOf = (txid: string): string => ledger.getCob(txid).chave;

  const controls: Controls = live(core.controls, {
    async pay(txid: string, payOptions: Parameters<Controls['pay']>[1]) {
      const pix = ledger.pay(txid, payOptions);
      await webhooks.notify(chaveOf(txid), [pix]);
      return pix;
    },
    async med(txid: string, medOptions: Parameters<Controls['med']>[1]) {
      const pix = ledger.med(txid, medOptions);
      await webhooks.notify(chaveOf(txid), [pix]);
      return pix;
    },
    txidAt: (location: string) => ledger.txidAt(location),
    payloadAt: (location: string) => ledger.payloadAt(location),
    get host() {
      return host;
    },
  });

  const api = apiRoutes(options.apiPath ?? '', ledger, {
    refundRequested(e2eid, id) {
      later.after(settleMs, () => {
        const pix = ledger.settleRefund(e2eid, id);
        void webhooks.notify(chaveOf(pix.txid), [pix]);
      });
    },
    registerWebhook: (chave, url) => webhooks.register(chave, url),
    webhookOf: (chave) => webhooks.registered(chave),
    removeWebhook: (chave) => webhooks.remove(chave),
  });
  const payers = payerRoutes(controls);

  function issueToken(call: Call): Answer {
    const grant = clients.grant(call);
    if ('refused' in grant) return { status: grant.refused, body: { error: grant.error } };
    const body = (call.body ?? {}) as Record<string, string>;
    const scope = body.scope ?? call.query.get('scope') ?? 'cob.write cob.read pix.write pix.read webhook.write';
    return { status: 200, body: { ...grant.granted, token_type: 'Bearer', scope } };
  }

  function authorise(call: Call): void {
    if (!clients.admits(call)) throw accessDenied(401, 'Token de acesso ausente, inválido ou expirado.');
    const required = options.requiredQuery;
    if (required && call.query.get(required.name) !== required.value)
      throw accessDenied(403, `Parâmetro ${required.name} ausente ou inválido.`);
  }

  async function pspApi(call: Call): Promise<Answer> {
    if (call.method === 'POST' && call.path === tokenPath) return issueToken(call);
    const found = match(api, call);
    if (!found) throw new PixProblem(404, 'NaoEncontrado', 'Não encontrado.', `Nenhum recurso em ${call.path}.`);
    authorise(call);
    const result = await found.route.handle(call, found.params);
    return core.faults.current.brokenBRCode && isCob(result.body)
      ? { ...result, body: withBrokenCrc(result.body) }
      : result;
  }

  const server = await listen((call) => core.answer(call, payers, pspApi), errorAnswer, options);
  host = server.host;

  return live(
    controls,
    { ledger, webhooks },
    started({ listening: server, clients, later, notifications: core.notifications }),
  );
}

/** An API Pix error in the spec's problem+json; anything unexpected is the PSP's 500. */
function errorAnswer(err: unknown): Answer {
  const problem =
    err instanceof PixProblem
      ? err
      : err instanceof MalformedBody
        ? new PixProblem(400, 'RequisicaoInvalida', 'Requisição inválida.', 'O corpo não é JSON válido.')
        : new PixProblem(500, 'ErroInternoDoServidor', 'Erro interno.', String((err as Error)?.message ?? err));
  return problemAnswer(problem);
}

const problemAnswer = (problem: PixProblem): Answer => ({
  status: problem.status,
  body: problem,
  contentType: 'application/problem+json',
});

const isCob = (body: unknown): body is Cob => typeof (body as Cob | undefined)?.pixCopiaECola === 'string';

function withBrokenCrc(cob: Cob): Cob {
  const last = cob.pixCopiaECola.slice(-1);
  return { ...cob, pixCopiaECola: cob.pixCopiaECola.slice(0, -1) + (last === '0' ? '1' : '0') };
}
