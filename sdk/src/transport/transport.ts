import {
  type ErrorDetails,
  errorFromProblem,
  TillgateAuthenticationError,
  TillgateConnectionError,
  type TillgateError,
} from '../errors.js';
import { type BackoffOptions, backoffDelay, retryAfterMs, sleep } from './backoff.js';
import { newIdempotencyKey } from './idempotency-key.js';

export type QueryValue = string | number | boolean | Date | undefined;

/** Supplies the bearer of each request and renews it after a 401. */
export interface Authenticator {
  /** What the bearer is; a browser's WebSocket names it in the query string (`?access_token=` or `?client_secret=`). */
  readonly kind: 'access_token' | 'client_secret';
  /** An access token (obtained or refreshed as needed) or an order's client secret. */
  bearer(signal?: AbortSignal): Promise<string>;
  /** Forgets a rejected access token so the next `bearer()` gets a new one; false when nothing can be renewed. */
  renew(): boolean;
  /** Milliseconds until `bearer()` hands out a new token, so a live socket can re-authenticate before it expires. */
  renewsInMs?(): number | undefined;
  /** Whether a refused sign-in may succeed later, because the credentials are read afresh each time. */
  readonly credentialsMayChange?: boolean;
}

/** One API call as the resources describe it. */
export interface Call {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  auth?: Authenticator;
  /** A bearer given as is (the refresh token), instead of `auth`. */
  bearer?: string;
  /**
   * Whether sending it twice does no harm: reads, and the writes the gateway deduplicates by
   * Idempotency-Key. Other calls are retried only on answers that say nothing was done.
   */
  repeatable: boolean;
}

/**
 * Per-request settings, the optional last argument of every resource method.
 *
 * @example
 * ```ts
 * await tillgate.orders.get(id, { timeout: 5_000, signal: AbortSignal.timeout(20_000) });
 * ```
 */
export interface RequestOptions {
  /** Aborts the request and its retries; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take before it is abandoned and retried; default the client's `timeout`. */
  timeout?: number;
  /** A key of your own for a write (by default one is generated per call and reused by its retries). */
  idempotencyKey?: string;
  /** Retries after the first attempt; default the client's `maxRetries`. */
  maxRetries?: number;
}

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  maxRetries: number;
  timeoutMs: number;
  backoff: BackoffOptions;
  /** The longest `Retry-After` worth waiting for; a longer one is thrown to the caller at once. */
  maxRetryAfterMs?: number;
  sleep?: typeof sleep;
}

type Outcome = { value: unknown } | { error: TillgateError; retryable: boolean; waitMs?: number | undefined };

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * Sends API calls: JSON in and out, an Idempotency-Key on every write (the same across its retries),
 * retries with backoff and jitter, a timeout per attempt, one re-authentication after a 401, and every
 * failure turned into a {@link TillgateError}.
 */
export class Transport {
  private readonly sleep: typeof sleep;

  constructor(private readonly options: TransportOptions) {
    this.sleep = options.sleep ?? sleep;
  }

  async request<T>(call: Call, options: RequestOptions = {}): Promise<T> {
    const idempotencyKey = call.method === 'POST' ? (options.idempotencyKey ?? newIdempotencyKey()) : undefined;
    const maxRetries = options.maxRetries ?? this.options.maxRetries;
    let renewed = false;
    for (let retries = 0; ; ) {
      const outcome = await this.attempt(call, idempotencyKey, options);
      if ('value' in outcome) return outcome.value as T;
      const { error } = outcome;
      if (error instanceof TillgateAuthenticationError && !renewed && call.auth?.renew()) {
        renewed = true;
        continue;
      }
      const waitMs = outcome.waitMs ?? backoffDelay(retries, this.options.backoff);
      const tooLong = waitMs > (this.options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS);
      if (!outcome.retryable || retries >= maxRetries || tooLong) throw error;
      await this.sleep(waitMs, options.signal);
      retries++;
    }
  }

  private async attempt(call: Call, idempotencyKey: string | undefined, options: RequestOptions): Promise<Outcome> {
    options.signal?.throwIfAborted();
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = call.bearer ?? (await call.auth?.bearer(options.signal));
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    };
    let answer: { response: Response; text: string };
    try {
      answer = await this.send(this.url(call), init, options);
    } catch (cause) {
      if (options.signal?.aborted) throw options.signal.reason;
      const error = new TillgateConnectionError(
        { code: 'connection_error', title: 'The gateway could not be reached', detail: describe(cause) },
        { cause },
      );
      return { error, retryable: call.repeatable };
    }
    const { response, text } = answer;
    if (response.ok) return { value: text ? JSON.parse(text) : undefined };
    const waitMs = retryAfterMs(response.headers.get('retry-after'));
    const error = errorFromProblem(problemOf(response, text), waitMs === undefined ? undefined : waitMs / 1000);
    return { error, retryable: safeToRetry(response, error, call), waitMs };
  }

  private url(call: Call): string {
    const url = new URL(this.options.baseUrl + call.path);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value instanceof Date ? value.toISOString() : String(value));
    }
    return url.toString();
  }

  /** One attempt, bounded by the timeout and the caller's signal; the body is read inside that bound too. */
  private async send(url: string, init: RequestInit, options: RequestOptions) {
    const timeoutMs = options.timeout ?? this.options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    const forward = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) forward();
    options.signal?.addEventListener('abort', forward, { once: true });
    try {
      const response = await this.options.fetch(url, { ...init, signal: controller.signal });
      return { response, text: await response.text() };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', forward);
    }
  }
}

/**
 * Whether sending the call again can do no harm. The gateway may say so itself (`Tillgate-Should-Retry`);
 * otherwise a 429, a 409 in progress and a 503 (a proxy or balancer answering for it) mean nothing was done,
 * while any other 5xx may come after a provider already acted: sent again only when the call is repeatable
 * (a read, or a write the gateway deduplicates by its Idempotency-Key).
 */
function safeToRetry(response: Response, error: TillgateError, call: Call): boolean {
  const said = response.headers.get('tillgate-should-retry');
  if (said === 'true' || said === 'false') return said === 'true';
  const { status } = response;
  if (status === 429 || status === 503 || error.code === 'idempotency_key_in_progress') return true;
  return status >= 500 && call.repeatable;
}

function problemOf(response: Response, text: string): ErrorDetails {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  try {
    const body = JSON.parse(text) as Partial<ErrorDetails>;
    if (typeof body.code === 'string' && typeof body.title === 'string')
      return {
        ...body,
        code: body.code,
        title: body.title,
        status: response.status,
        request_id: body.request_id ?? requestId,
      };
  } catch {}
  return {
    code: 'unexpected_response',
    status: response.status,
    title: `The gateway answered ${response.status} without a problem document`,
    detail: text.slice(0, 200) || undefined,
    request_id: requestId,
  };
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));
