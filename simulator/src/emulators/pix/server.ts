import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiRoutes } from './api.js';
import { type Controls, controlRoutes, type FaultCounts, type Faults, type ReceivedRequest } from './control.js';
import { type Answer, type Call, match, readCall, send } from './http.js';
import { type Cob, PixLedger } from './ledger.js';
import { accessDenied, PixProblem, unavailable } from './problems.js';
import { WebhookSender } from './webhooks.js';

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
  readonly webhooks: WebhookSender;
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
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let faults: Faults = {};
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
  const random = options.random ?? Math.random;
  const webhooks = new WebhookSender(random);
  const apiCounts: FaultCounts['api'] = { status: 0, delay: 0, garbage: 0 };
  const chaveOf = (txid: string): string => ledger.getCob(txid).chave;

  const controls: Controls = {
    async pay(txid, payOptions) {
      const pix = ledger.pay(txid, payOptions);
      await webhooks.notify(chaveOf(txid), [pix]);
      return pix;
    },
    txidAt: (location) => ledger.txidAt(location),
    fail: (f) => {
      faults = { ...f };
    },
    heal: () => {
      faults = {};
    },
    get faultCounts() {
      return { api: { ...apiCounts }, webhooks: { ...webhooks.misbehaved } };
    },
    setWebhookMode: (mode, chances = {}) => {
      webhooks.mode = mode;
      webhooks.chances = chances;
    },
    releaseWebhooks: () => webhooks.release(),
    received,
    deliveries: webhooks.deliveries,
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
  const control = controlRoutes(controls);

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
    const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    if (!expiresAt || expiresAt <= Date.now())
      throw accessDenied(401, 'Token de acesso ausente, inválido ou expirado.');
    const required = options.requiredQuery;
    if (required && call.query.get(required.name) !== required.value)
      throw accessDenied(403, `Parâmetro ${required.name} ausente ou inválido.`);
  }

  /** Applies the current faults; an answer means the request ends here. */
  async function misbehave(call: Call): Promise<Answer | undefined> {
    if (faults.match && !new RegExp(faults.match).test(`${call.method} ${call.path}`)) return undefined;
    if (faults.times !== undefined && faults.times <= 0) faults = {};
    if (faults.times !== undefined) faults.times--;
    if (faults.fraction !== undefined && random() >= faults.fraction) return undefined;
    const { delayMs, status, garbage } = faults;
    if (delayMs) {
      apiCounts.delay++;
      await sleep(delayMs);
    }
    if (status) {
      apiCounts.status++;
      return { status, body: unavailable(status) };
    }
    if (garbage) {
      apiCounts.garbage++;
      return { status: 200, raw: '<html><body>502 Bad Gateway</body></html>' };
    }
    return undefined;
  }

  async function answer(req: IncomingMessage): Promise<Answer> {
    const call = await readCall(req);
    const controlRoute = match(control, call);
    if (controlRoute) return controlRoute.route.handle(call, controlRoute.params);
    received.push({ method: call.method, path: call.path, query: Object.fromEntries(call.query), body: call.body });
    const fault = await misbehave(call);
    if (fault) return fault;
    if (call.method === 'POST' && call.path === tokenPath) return issueToken(call);
    const found = match(api, call);
    if (!found) throw new PixProblem(404, 'NaoEncontrado', 'Não encontrado.', `Nenhum recurso em ${call.path}.`);
    authorise(call);
    const result = await found.route.handle(call, found.params);
    return faults.brokenBRCode && isCob(result.body) ? { ...result, body: withBrokenCrc(result.body) } : result;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    answer(req).then(
      (a) => send(res, a),
      (err: unknown) => {
        const problem =
          err instanceof PixProblem
            ? err
            : new PixProblem(500, 'ErroInternoDoServidor', 'Erro interno.', String((err as Error)?.message ?? err));
        send(res, { status: problem.status, body: problem });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  host = `${address.address}:${address.port}`;

  return {
    ...controls,
    get faultCounts() {
      return controls.faultCounts;
    },
    url: `http://${host}`,
    ledger,
    webhooks,
    get tokensIssued() {
      return tokensIssued;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const encoded = /^Basic (.+)$/.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
}

function same(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

const isCob = (body: unknown): body is Cob => typeof (body as Cob | undefined)?.pixCopiaECola === 'string';

function withBrokenCrc(cob: Cob): Cob {
  const last = cob.pixCopiaECola.slice(-1);
  return { ...cob, pixCopiaECola: cob.pixCopiaECola.slice(0, -1) + (last === '0' ? '1' : '0') };
}
