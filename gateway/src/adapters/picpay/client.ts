import type { Logger } from 'pino';
import { withRetries } from '../retry.js';
import { ProviderUnavailable } from '../types.js';
import type { PicPayAccount } from './account.js';
import { errorFor } from './problems.js';

export interface PicPayClientOptions {
  log: Logger;
  /** Deadline of each HTTP exchange. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat, after an outage or a timeout; default 2. */
  retries?: number;
  /** Wait before the first further attempt, doubled after each; default 200 ms. */
  retryDelayMs?: number;
}

export interface ApiCall {
  method: 'GET' | 'POST';
  /** Under the account's API address, e.g. `/payments/{referenceId}/status`. */
  path: string;
  body?: unknown;
  /** Safe to send again: a read, or a write whose repeat changes nothing (a cancellation). */
  idempotent: boolean;
  /** Our order id, for the logs. */
  referenceId: string;
}

/**
 * PicPay's e-commerce API over HTTP: the `x-picpay-token` on every call, a deadline on every exchange,
 * retries of safe calls only, answers turned into our typed errors. Logs each call with the order and
 * whatever correlation id PicPay answers with, never a token.
 */
export class PicPayClient {
  constructor(private readonly options: PicPayClientOptions) {}

  call(account: PicPayAccount, call: ApiCall): Promise<unknown> {
    const policy = { retries: this.options.retries ?? 2, retryDelayMs: this.options.retryDelayMs ?? 200 };
    return withRetries(policy, call.idempotent, () => this.send(account, call));
  }

  private async send(account: PicPayAccount, call: ApiCall): Promise<unknown> {
    const what = `${call.method} ${call.path}`;
    const headers: Record<string, string> = { 'x-picpay-token': account.picpayToken, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const fields = {
      provider_account_id: account.id,
      op: `${call.method} ${opOf(call.path)}`,
      order_id: call.referenceId,
    };
    let res: Response;
    let text: string;
    try {
      res = await fetch(account.apiUrl + call.path, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      this.options.log.warn({ ...fields, err, ms }, 'PicPay call failed');
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new ProviderUnavailable(
        `PicPay ${what}: ${timedOut ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message}`,
      );
    }
    const ms = Math.round(performance.now() - started);
    const correlationId = res.headers.get('x-request-id') ?? res.headers.get('x-correlation-id') ?? undefined;
    this.options.log[res.ok ? 'debug' : 'warn'](
      { ...fields, status: res.status, correlation_id: correlationId, ms },
      'PicPay call',
    );
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      // An error page in HTML still says how PicPay failed; a 2xx that is not JSON says nothing we can use.
      if (res.ok) throw new ProviderUnavailable(`${what}: PicPay answered ${res.status} with a body that is not JSON`);
    }
    if (res.ok) return body;
    throw errorFor(res.status, body, what);
  }
}

/** The path with the order id taken out, so logs group by operation. */
const opOf = (path: string): string => path.replace(/^\/payments\/[^/]+/, '/payments/{referenceId}');
