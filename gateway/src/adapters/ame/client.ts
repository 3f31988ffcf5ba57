import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.js';
import { withRetries } from '../retry.js';
import { ProviderAuthFailed, ProviderUnavailable } from '../types.js';
import type { AmeAccount } from './account.js';
import { errorFor } from './problems.js';

export interface AmeClientOptions {
  log: Logger;
  clock: Clock;
  /** Deadline of each HTTP exchange. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat, after an outage or a timeout. */
  retries: number;
  retryDelayMs: number;
  fetch?: typeof fetch;
}

export interface AmeCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under the account's base URL, e.g. `/orders/{id}`. */
  path: string;
  body?: unknown;
  /** Safe to send again: a read, or a write naming its own target (a capture, a refund by our id). */
  idempotent: boolean;
}

interface Token {
  value: string;
  refreshAt: number;
}

/**
 * Ame's API over HTTP: OAuth2 client credentials (`POST /auth/oauth/token`, HTTP Basic) with tokens
 * cached per account and shared by callers arriving together, a deadline on every exchange, retries of
 * safe calls only, and answers turned into our typed errors. Logs each call with Ame's correlation id,
 * never a credential.
 */
export class AmeClient {
  private readonly tokens = new Map<string, Token>();
  private readonly issuing = new Map<string, Promise<string>>();
  private readonly fetch: typeof fetch;

  constructor(private readonly options: AmeClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async call(account: AmeAccount, call: AmeCall): Promise<unknown> {
    const what = `${call.method} ${call.path}`;
    return this.retrying(call.idempotent, async () => {
      let res = await this.send(account, call, await this.token(account));
      if (res.status === 401) {
        this.tokens.delete(tokenKey(account));
        res = await this.send(account, call, await this.token(account));
      }
      return answerOf(res, what);
    });
  }

  /** A fresh access token, past the cache: also what "test connection" asks Ame for. */
  issueToken(account: AmeAccount): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const { client_id, client_secret } = account.config;
    return this.retrying(true, async () => {
      const res = await this.exchange(account, 'POST /auth/oauth/token', `${account.baseUrl}/auth/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      });
      if (res.status === 400 || res.status === 401)
        throw new ProviderAuthFailed(`Ame refused the client credentials of account ${account.id} (${res.status})`);
      const body = answerOf(res, 'POST /auth/oauth/token') as { access_token?: unknown; expires_in?: unknown };
      if (typeof body?.access_token !== 'string') throw new ProviderUnavailable('Ame token answer has no access_token');
      const expiresIn = Number(body.expires_in);
      return { accessToken: body.access_token, expiresInSeconds: Number.isFinite(expiresIn) ? expiresIn : 300 };
    });
  }

  /** The cached token, renewed at 80 % of its life; callers arriving together share one request. */
  private async token(account: AmeAccount): Promise<string> {
    const key = tokenKey(account);
    const cached = this.tokens.get(key);
    if (cached && cached.refreshAt > this.options.clock.now().getTime()) return cached.value;
    const pending = this.issuing.get(key);
    if (pending) return pending;
    const issuing = this.issueToken(account)
      .then(({ accessToken, expiresInSeconds }) => {
        const refreshAt = this.options.clock.now().getTime() + expiresInSeconds * 800;
        this.tokens.set(key, { value: accessToken, refreshAt });
        return accessToken;
      })
      .finally(() => this.issuing.delete(key));
    this.issuing.set(key, issuing);
    return issuing;
  }

  private send(account: AmeAccount, call: AmeCall, token: string): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return this.exchange(account, `${call.method} ${call.path}`, account.baseUrl + call.path, {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
  }

  /** One exchange with a deadline over the whole of it; no answer in time, or none at all, is an outage. */
  private async exchange(account: AmeAccount, op: string, url: string, init: RequestInit): Promise<Answer> {
    const started = performance.now();
    const fields = { provider_account_id: account.id, op };
    const ms = () => Math.round(performance.now() - started);
    try {
      const res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
      const answer = { status: res.status, text: await res.text() };
      const correlation_id = res.headers.get('x-correlation-id') ?? res.headers.get('x-request-id') ?? undefined;
      this.options.log[res.status >= 400 ? 'warn' : 'debug'](
        { ...fields, status: res.status, correlation_id, ms: ms() },
        'Ame call',
      );
      return answer;
    } catch (err) {
      this.options.log.warn({ ...fields, err, ms: ms() }, 'Ame call failed');
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const why = timedOut ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message;
      throw new ProviderUnavailable(`Ame ${op}: ${why}`);
    }
  }

  private retrying<T>(safe: boolean, attempt: () => Promise<T>): Promise<T> {
    return withRetries(this.options, safe, attempt);
  }
}

interface Answer {
  status: number;
  text: string;
}

/** Credentials changed in the panel must not reuse the old token. */
const tokenKey = (a: AmeAccount): string => `${a.id}:${a.config.client_id}:${a.baseUrl}`;

/** A 2xx answer's JSON (anything unreadable is an outage, not a final word), or the typed error. */
function answerOf(res: Answer, what: string): unknown {
  let body: unknown;
  try {
    body = res.text.trim() === '' ? undefined : JSON.parse(res.text);
  } catch {
    if (res.status >= 200 && res.status < 300)
      throw new ProviderUnavailable(`${what}: Ame answered ${res.status} with a body that is not JSON`);
  }
  if (res.status >= 200 && res.status < 300) return body;
  throw errorFor(res.status, body, what);
}
