import { randomBytes } from 'node:crypto';
import {
  type Answer,
  basicCredentials,
  bearerToken,
  type Call,
  createEmulatorCore,
  listen,
  MalformedBody,
  match,
  same,
} from '../kit/index.js';
import { apiRoutes } from './api.js';
import { type Controls, type PixFaults, payerRoutes } from './control.js';
import type { Pix } from './ledger.js';
import { type Cob, PixLedger } from './ledger.js';
import { accessDenied, PixProblem, unavailable } from './problems.js';
import { type PixNotification, PixWebhooks, pixNotification } from './webhooks.js';

export interface PixEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Where the OAuth2 token endpoint lives, as the bank's profile says. */
  tokenPath?: string;
  /** The API Pix path prefix, e.g. `/pix/v2`. */
  apiPath?: string;
  /** A query parameter every API call must carry (Banco do Brasil's `gw-dev-app-key`). */
  requiredQuery?: { name: string; value: string };
  tokenTtlSeconds?: number;
  /** The receiver's Pix keys; empty accepts any. */
  pixKeys?: string[];
  merchantName?: string;
  merchantCity?: string;
  ispb?: string;
  /** How long the payer's bank takes to settle a devolução; 0 settles it before the PSP answers. */
  refundSettleMs?: number;
  /** The PSP's clock for the times it writes (payments, devoluções); tests share the gateway's. */
  now?: () => Date;
  /** Draws which requests and notifications misbehave under a `fraction` or webhook chances. */
  random?: () => number;
}

export interface PixEmulator extends Controls {
  readonly url: string;
  readonly ledger: PixLedger;
  readonly webhooks: PixWebhooks;
  /** Access tokens issued so far. */
  readonly tokensIssued: number;
  close(): Promise<void>;
}

/** A Pix PSP on loopback speaking the API Pix subset of `PIX.md`, with controls to play payers and faults. */
export async function startPixEmulator(options: PixEmulatorOptions = {}): Promise<PixEmulator> {
  const clientId = options.clientId ?? 'emulator-client';
  const clientSecret = options.clientSecret ?? 'emulator-secret';
  const tokenPath = options.tokenPath ?? '/oauth/token';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const settleMs = options.refundSettleMs ?? 20;
  const tokens = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let tokensIssued = 0;
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

  const controls: Controls = {
    ...core.controls,
    get faultCounts() {
      return core.controls.faultCounts;
    },
    async pay(txid, payOptions) {
      const pix = ledger.pay(txid, payOptions);
      await webhooks.notify(chaveOf(txid), [pix]);
      return pix;
    },
    txidAt: (location) => ledger.txidAt(location),
  };

  const api = apiRoutes(options.apiPath ?? '', ledger, {
    refundRequested(e2eid, id) {
      const settle = () => {
        const pix = ledger.settleRefund(e2eid, id);
        void webhooks.notify(chaveOf(pix.txid), [pix]);
      };
      if (settleMs === 0) return settle();
      const timer = setTimeout(() => {
        timers.delete(timer);
        settle();
      }, settleMs);
      timers.add(timer);
    },
    registerWebhook: (chave, url) => webhooks.register(chave, url),
    webhookOf: (chave) => webhooks.registered(chave),
    removeWebhook: (chave) => webhooks.remove(chave),
  });
  const payers = payerRoutes(controls);

  function issueToken(call: Call): Answer {
    const body = (call.body ?? {}) as Record<string, string>;
    const [id, secret] = basicCredentials(call.headers.authorization) ?? [body.client_id, body.client_secret];
    const grant = body.grant_type ?? call.query.get('grant_type');
    if (grant !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (!same(id, clientId) || !same(secret, clientSecret)) return { status: 401, body: { error: 'invalid_client' } };
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, Date.now() + ttl * 1000);
    tokensIssued++;
    const scope = body.scope ?? call.query.get('scope') ?? 'cob.write cob.read pix.write pix.read webhook.write';
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: ttl, scope } };
  }

  function authorise(call: Call): void {
    const token = bearerToken(call.headers.authorization);
    const expiresAt = token ? tokens.get(token) : undefined;
    if (!expiresAt || expiresAt <= Date.now())
      throw accessDenied(401, 'Token de acesso ausente, inválido ou expirado.');
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

  return {
    ...controls,
    get faultCounts() {
      return controls.faultCounts;
    },
    url: server.url,
    ledger,
    webhooks,
    get tokensIssued() {
      return tokensIssued;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      core.notifications.close();
      await server.close();
    },
  };
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
