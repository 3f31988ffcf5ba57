import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ProviderUnavailable } from '../types.js';
import type { PagBankAccount } from './account.js';
import { jsonOrUndefined } from './json.js';
import { errorFor } from './problems.js';

export interface PagBankClientOptions {
  log: Logger;
  /** Deadline of each HTTP exchange (connect, send, receive). */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat, after an outage or a timeout. */
  retries: number;
  retryDelayMs: number;
}

export interface PagBankCall {
  method: 'GET' | 'POST';
  /** Under the account's API address, e.g. `/orders/{id}`. */
  path: string;
  body?: unknown;
  /**
   * Sent as `x-idempotency-key`: PagBank answers a repeat with the first answer, so a write carrying
   * one is as safe to retry as a read.
   */
  idempotencyKey?: string;
}

/** Headers PagBank or the proxies in front of it may use to name a request; logged to trace a call with them. */
const CORRELATION_HEADERS = ['x-request-id', 'x-correlation-id', 'x-amzn-requestid', 'x-amz-cf-id'];

/**
 * The PagBank API over HTTP: the account's bearer token, a deadline on every exchange, retries of safe
 * calls only (reads, and writes with an idempotency key), answers turned into our typed errors. Each
 * call is logged with PagBank's correlation id, never with the token.
 */
export class PagBankClient {
  constructor(private readonly options: PagBankClientOptions) {}

  async call(account: PagBankAccount, call: PagBankCall): Promise<unknown> {
    const safe = call.method === 'GET' || call.idempotencyKey !== undefined;
    for (let n = 0; ; n++) {
      try {
        return await this.exchange(account, call);
      } catch (err) {
        if (!safe || !(err instanceof ProviderUnavailable) || n >= this.options.retries) throw err;
        await sleep(this.options.retryDelayMs * 2 ** n);
      }
    }
  }

  private async exchange(account: PagBankAccount, call: PagBankCall): Promise<unknown> {
    const what = `PagBank ${call.method} ${call.path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${account.token}`, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['x-idempotency-key'] = call.idempotencyKey;
    const fields = { provider_account_id: account.id, op: `${call.method} ${call.path}` };
    const started = performance.now();
    let status: number;
    let text: string;
    let correlationId: string | undefined;
    try {
      const res = await fetch(account.apiUrl + call.path, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await res.text();
      status = res.status;
      correlationId = CORRELATION_HEADERS.map((h) => res.headers.get(h)).find((v) => v !== null) ?? undefined;
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const ms = Math.round(performance.now() - started);
      this.options.log.warn({ ...fields, err, ms }, 'PagBank call failed');
      throw new ProviderUnavailable(
        `${what}: ${timedOut ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message}`,
      );
    }
    const ms = Math.round(performance.now() - started);
    this.options.log[status >= 400 ? 'warn' : 'debug'](
      { ...fields, status, correlation_id: correlationId, ms },
      'PagBank call',
    );
    return answerOf(status, text, what);
  }
}

/** A 2xx answer's JSON (a 2xx that is not JSON means PagBank is not itself: unavailable, not final), or the typed error. */
function answerOf(status: number, text: string, what: string): unknown {
  const body = jsonOrUndefined(text);
  if (status < 200 || status >= 300) throw errorFor(status, body, what);
  if (body === undefined) throw new ProviderUnavailable(`${what}: answered ${status} with a body that is not JSON`);
  return body;
}
