import { createHash } from 'node:crypto';
import { Agent as HttpsAgent } from 'node:https';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.js';
import { withRetries } from '../retry.js';
import { ProviderAuthFailed, ProviderUnavailable } from '../types.js';
import type { PixAccount } from './account.js';
import { errorFor } from './problems.js';
import { type IssuedToken, TokenCache } from './token.js';
import { exchange, type WireResponse } from './transport.js';

export interface PixClientOptions {
  log: Logger;
  clock: Clock;
  /** Deadline of each HTTP exchange. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat, after an outage or a timeout. */
  retries: number;
  retryDelayMs: number;
}

export interface ApiCall {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  /** Under the account's API Pix base URL, e.g. `/cob/{txid}`. */
  path: string;
  body?: unknown;
  /** Safe to send again: a read, or a write naming our own id (the PSP applies it once). */
  idempotent: boolean;
}

/**
 * The API Pix over HTTP for one adapter: OAuth2 client credentials with cached tokens, the account's
 * client certificate, a deadline on every exchange, retries of safe calls only, and the PSP's answers
 * turned into our typed errors. Logs each call with the PSP's correlation id, never a token.
 */
export class PixApiClient {
  private readonly tokens: TokenCache;
  private readonly agents = new Map<string, HttpsAgent>();

  constructor(private readonly options: PixClientOptions) {
    this.tokens = new TokenCache((account) => this.issueToken(account), options.clock);
  }

  async call(account: PixAccount, call: ApiCall): Promise<unknown> {
    const what = `${call.method} ${call.path}`;
    return this.retrying(call.idempotent, async () => {
      let res = await this.send(account, call, await this.tokens.get(account));
      if (res.status === 401) {
        this.tokens.invalidate(account);
        res = await this.send(account, call, await this.tokens.get(account));
      }
      return answerOf(res, what);
    });
  }

  private async send(account: PixAccount, call: ApiCall, token: string): Promise<WireResponse> {
    const url = new URL(account.apiUrl + call.path);
    const appKeyParam = account.profile.appKeyParam;
    if (appKeyParam && account.config.appKey) url.searchParams.set(appKeyParam, account.config.appKey);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.logged(account, `${call.method} ${call.path}`, () =>
      exchange({
        method: call.method,
        url: url.toString(),
        headers,
        timeoutMs: this.options.timeoutMs,
        agent: this.agentFor(account),
        ...(body === undefined ? {} : { body }),
      }),
    );
  }

  /** A fresh OAuth2 token, past the cache: also what "test connection" asks the PSP for. */
  issueToken(account: PixAccount): Promise<IssuedToken> {
    const { clientId, clientSecret } = account.config;
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: account.profile.scopes });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (account.profile.tokenAuth === 'basic') {
      headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    } else {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    }
    return this.retrying(true, async () => {
      const res = await this.logged(account, 'POST token', () =>
        exchange({
          method: 'POST',
          url: account.tokenUrl,
          headers,
          body: form.toString(),
          timeoutMs: this.options.timeoutMs,
          agent: this.agentFor(account),
        }),
      );
      if (res.status === 400 || res.status === 401)
        throw new ProviderAuthFailed(`PSP refused the client credentials of account ${account.id} (${res.status})`);
      const body = answerOf(res, 'POST token') as { access_token?: unknown; expires_in?: unknown } | undefined;
      if (typeof body?.access_token !== 'string') throw new ProviderUnavailable('PSP token answer has no access_token');
      const expiresIn = Number(body.expires_in);
      return { accessToken: body.access_token, expiresInSeconds: Number.isFinite(expiresIn) ? expiresIn : 300 };
    });
  }

  private retrying<T>(safe: boolean, attempt: () => Promise<T>): Promise<T> {
    return withRetries(this.options, safe, attempt);
  }

  private async logged(account: PixAccount, op: string, run: () => Promise<WireResponse>): Promise<WireResponse> {
    const started = performance.now();
    const fields = { provider_account_id: account.id, profile: account.profile.id, op };
    try {
      const res = await run();
      const level = res.status >= 400 ? 'warn' : 'debug';
      const ms = Math.round(performance.now() - started);
      this.options.log[level]({ ...fields, status: res.status, correlation_id: correlationId(res), ms }, 'PSP call');
      return res;
    } catch (err) {
      this.options.log.warn({ ...fields, err, ms: Math.round(performance.now() - started) }, 'PSP call failed');
      throw err;
    }
  }

  private agentFor(account: PixAccount): HttpsAgent | undefined {
    const certificate = account.config.certificate;
    if (!certificate) return undefined;
    const key = `${account.id}:${createHash('sha256').update(certificate.cert).digest('hex')}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new HttpsAgent({ cert: certificate.cert, key: certificate.key, keepAlive: true });
      this.agents.set(key, agent);
    }
    return agent;
  }
}

/** A 2xx answer's JSON (a PSP answering anything else is unavailable, not final), or the typed error. */
function answerOf(res: WireResponse, what: string): unknown {
  const body = parseJson(res.text);
  if (res.status >= 200 && res.status < 300) {
    if (body === INVALID)
      throw new ProviderUnavailable(`${what}: the PSP answered ${res.status} with a body that is not JSON`);
    return body;
  }
  throw errorFor(res.status, body === INVALID ? undefined : body, what);
}

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function correlationId(res: WireResponse): string | undefined {
  for (const name of ['x-correlation-id', 'x-request-id', 'correlationid', 'x-itau-correlationid']) {
    const value = res.headers[name];
    if (typeof value === 'string') return value;
  }
  const fromBody = (parseJson(res.text) as { correlationId?: unknown } | undefined)?.correlationId;
  return typeof fromBody === 'string' ? fromBody : undefined;
}
