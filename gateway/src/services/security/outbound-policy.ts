import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Environment } from '@tillgate/sdk/protocol';
import { addressAllowed, networkList, type OutboundRule, urlAllowed } from '../../domain/outbound-address.js';
import { ApiError } from '../errors.js';

/** Every address a name resolves to; tests inject one that never asks real DNS. */
export type Resolve = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** What the delivery log says of a refused destination: no status, no error text of the target. */
export const REFUSED = 'refused: internal address';

class OutboundRefused extends Error {
  readonly code = 'EOUTBOUND_REFUSED';
}

export interface OutboundAnswer {
  statusCode: number | null;
  error: string | null;
}

/**
 * The one outbound address policy: webhook endpoints and orders' `callback_url` are checked when
 * registered (the URL's host) and again when delivered (every address the name resolves to, then the
 * connection goes to the checked address, so a name that rebinds to an internal address between the
 * check and the connection is refused too). Redirects are never followed.
 */
export class OutboundPolicy {
  private readonly rules: Readonly<Record<Environment, OutboundRule>>;

  constructor(
    allowCidrs: readonly string[] = [],
    private readonly resolve: Resolve = systemResolve,
  ) {
    const allowed = networkList(allowCidrs);
    this.rules = { test: { loopback: true, allowed }, live: { loopback: false, allowed } };
  }

  /** Throws the 422 naming `field` when `url` points at an address this environment may not reach. */
  checkUrl(url: string, environment: Environment, field: string): void {
    if (urlAllowed(new URL(url), this.rules[environment])) return;
    const where = environment === 'live' ? 'a public address' : 'a public or loopback address';
    throw new ApiError('validation_failed', `${field} must point at ${where}`, [
      { field, message: `must point at ${where}` },
    ]);
  }

  /** POSTs `body` to `url` if its addresses are allowed now; a 3xx is an answer, not followed. */
  post(
    url: string,
    environment: Environment,
    request: { headers: Record<string, string>; body: string; timeoutMs: number },
  ): Promise<OutboundAnswer> {
    const target = new URL(url);
    const rule = this.rules[environment];
    // An IP literal never goes through `lookup`, so it is judged here.
    if (!urlAllowed(target, rule)) return Promise.resolve({ statusCode: null, error: REFUSED });
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = client.request(
        target,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          lookup: this.lookup(rule),
          agent: false,
          signal: AbortSignal.timeout(request.timeoutMs),
        },
        (res) => {
          // The status is the whole answer: the body is not read, and a receiver that stalls it holds nothing.
          res.on('error', () => {});
          res.destroy();
          const status = res.statusCode ?? 0;
          resolve({ statusCode: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
        },
      );
      req.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'EOUTBOUND_REFUSED') resolve({ statusCode: null, error: REFUSED });
        else if (err.name === 'AbortError' || err.name === 'TimeoutError')
          resolve({ statusCode: null, error: `no answer within ${request.timeoutMs} ms` });
        else resolve({ statusCode: null, error: err.code ?? err.message });
      });
      req.end(request.body);
    });
  }

  /** A `lookup` for node's sockets that resolves, refuses if any address is not allowed, else connects to them. */
  private lookup(rule: OutboundRule): LookupFunction {
    return (hostname, options, callback) => {
      const found = isIP(hostname)
        ? Promise.resolve([{ address: hostname, family: isIP(hostname) }])
        : this.resolve(hostname);
      found.then(
        (addresses) => {
          if (!addresses.every((a) => addressAllowed(a.address, rule)))
            return callback(new OutboundRefused(`${hostname} resolves to an address outside the outbound policy`), '');
          const wanted = addresses.filter((a) => !options.family || a.family === options.family);
          const first = wanted[0];
          if (!first)
            return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
          if (options.all)
            return callback(
              null,
              wanted.map((a) => ({ address: a.address, family: a.family })),
            );
          callback(null, first.address, first.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, ''),
      );
    };
  }
}
