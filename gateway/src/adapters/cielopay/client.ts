import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { withRetries } from '../retry.js';
import { ProviderUnavailable } from '../types.js';
import type { CieloAccount } from './account.js';
import { errorFor } from './problems.js';

export interface CieloClientOptions {
  log: Logger;
  /** Deadline of each HTTP exchange. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat, after an outage or a timeout. */
  retries: number;
  retryDelayMs: number;
}

export interface CieloCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Which of the account's two hosts: `query` reads, `transactional` changes a sale. */
  host: 'transactional' | 'query';
  /** E.g. `/1/sales/{PaymentId}`, with its query string. */
  path: string;
  body?: unknown;
  /** Safe to send again: a read, or a change whose repeat does nothing (removing an unpaid QR). */
  idempotent: boolean;
}

/**
 * The Cielo E-commerce API over HTTP: `MerchantId`/`MerchantKey` on every call, a fresh `RequestId` (Cielo's
 * correlation id, logged), a deadline, retries of safe calls only, and answers turned into our typed errors.
 * A sale creation or a void is never repeated here: Cielo documents no idempotency key for them.
 */
export class CieloClient {
  constructor(private readonly options: CieloClientOptions) {}

  call(account: CieloAccount, call: CieloCall): Promise<unknown> {
    return withRetries(this.options, call.idempotent, () => this.send(account, call));
  }

  private async send(account: CieloAccount, call: CieloCall): Promise<unknown> {
    const base = call.host === 'query' ? account.queryUrl : account.transactionalUrl;
    const requestId = randomUUID();
    const what = `${call.method} ${call.path.split('?')[0]}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      MerchantId: account.config.merchant_id,
      MerchantKey: account.config.merchant_key,
      RequestId: requestId,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const fields = { provider_account_id: account.id, op: what, request_id: requestId };
    const started = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(base + call.path, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      this.options.log.warn({ ...fields, ms, timed_out: timedOut }, 'Cielo call failed');
      throw new ProviderUnavailable(
        `Cielo ${what}: ${timedOut ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message}`,
      );
    }
    const ms = Math.round(performance.now() - started);
    this.options.log[res.status >= 400 ? 'warn' : 'debug']({ ...fields, status: res.status, ms }, 'Cielo call');
    const body = parseJson(text);
    if (res.ok) {
      if (body === INVALID)
        throw new ProviderUnavailable(`Cielo ${what}: answered ${res.status} with a body that is not JSON`);
      return body;
    }
    throw errorFor(res.status, body === INVALID ? undefined : body, `Cielo ${what}`);
  }
}

const INVALID = Symbol('invalid JSON');

/** An empty body is `undefined`; one that is not JSON is `INVALID`, which a 2xx must never be. */
function parseJson(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return INVALID;
  }
}
