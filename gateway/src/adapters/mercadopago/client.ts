import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ProviderUnavailable } from '../types.js';
import type { MercadopagoAccount } from './account.js';
import { errorFor } from './problems.js';

export interface MercadopagoClientOptions {
  log: Logger;
  /** Deadline of each HTTP exchange. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat, after an outage or a timeout. */
  retries: number;
  retryDelayMs: number;
}

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Under the API's origin, e.g. `/v1/orders/{id}`, with its query if any. */
  path: string;
  body?: unknown;
  /**
   * Every write carries one (`X-Idempotency-Key`, required by the Orders API): Mercado Pago answers a
   * repeat with the resource the first one made, so a write with a key is as safe to retry as a read.
   */
  idempotencyKey?: string;
}

/**
 * The Orders API over HTTP for one adapter: the account's bearer token, a deadline on every exchange,
 * retries of reads and keyed writes only, and answers turned into our typed errors. Logs each call with
 * Mercado Pago's `x-request-id`, never the token.
 */
export class MercadopagoClient {
  constructor(private readonly options: MercadopagoClientOptions) {}

  async call(account: MercadopagoAccount, call: ApiCall): Promise<unknown> {
    const safe = call.method === 'GET' || call.idempotencyKey !== undefined;
    for (let n = 0; ; n++) {
      try {
        return await this.once(account, call);
      } catch (err) {
        if (!safe || !(err instanceof ProviderUnavailable) || n >= this.options.retries) throw err;
        await sleep(this.options.retryDelayMs * 2 ** n);
      }
    }
  }

  private async once(account: MercadopagoAccount, call: ApiCall): Promise<unknown> {
    const what = `${call.method} ${call.path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${account.config.access_token}`,
      accept: 'application/json',
    };
    if (call.idempotencyKey !== undefined) headers['x-idempotency-key'] = call.idempotencyKey;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const fields = { provider_account_id: account.id, op: what };
    const started = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(account.apiUrl + call.path, {
        method: call.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      this.options.log.warn(
        { ...fields, err, ms: Math.round(performance.now() - started) },
        'Mercado Pago call failed',
      );
      throw new ProviderUnavailable(
        `Mercado Pago ${what}: ${timedOut ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message}`,
      );
    }
    const level = res.status >= 400 ? 'warn' : 'debug';
    const correlation = res.headers.get('x-request-id') ?? undefined;
    const ms = Math.round(performance.now() - started);
    this.options.log[level]({ ...fields, status: res.status, correlation_id: correlation, ms }, 'Mercado Pago call');
    return answerOf(res.status, text, what);
  }
}

/** A 2xx answer's JSON (anything else from a 2xx is an outage, not a refusal), or the typed error. */
function answerOf(status: number, text: string, what: string): unknown {
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    if (status >= 200 && status < 300)
      throw new ProviderUnavailable(`Mercado Pago ${what}: answered ${status} with a body that is not JSON`);
    body = undefined;
  }
  if (status >= 200 && status < 300) return body;
  throw errorFor(status, body, what);
}
