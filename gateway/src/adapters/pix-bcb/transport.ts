import { request as httpRequest } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ProviderUnavailable } from '../types.js';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Carries the account's client certificate (mTLS); absent, Node's default agent. */
  agent?: HttpsAgent | undefined;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP exchange with a deadline over the whole of it (connect, send, receive). Failing to get an
 * answer in time, or at all, is `ProviderUnavailable`: the PSP may or may not have acted.
 */
export function exchange(req: WireRequest): Promise<WireResponse> {
  const url = new URL(req.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: req.method,
        headers:
          req.body === undefined ? req.headers : { ...req.headers, 'content-length': Buffer.byteLength(req.body) },
        signal: AbortSignal.timeout(req.timeoutMs),
        ...(req.agent ? { agent: req.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (err) => reject(unreachable(req, err)));
      },
    );
    outgoing.on('error', (err) => reject(unreachable(req, err)));
    outgoing.end(req.body);
  });
}

function unreachable(req: WireRequest, err: Error): ProviderUnavailable {
  const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
  const what = timedOut ? `no answer within ${req.timeoutMs} ms` : err.message;
  return new ProviderUnavailable(`PSP ${req.method} ${new URL(req.url).pathname}: ${what}`);
}
