import type { DemoCredentials } from '@tillgate/gateway';
import type { Order, Problem, TillgateEvent } from '@tillgate/sdk/protocol';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A thin HTTP client for tests: no retries, no SDK, so what the gateway answers is what the test sees. */
export class ApiClient {
  constructor(
    readonly url: string,
    readonly demo: DemoCredentials,
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.url + path, {
      method,
      headers,
      // A Node Buffer is a Uint8Array of any ArrayBuffer; the DOM typing wants one of an ArrayBuffer only.
      body: (options.raw ??
        (options.body === undefined ? undefined : JSON.stringify(options.body))) as RequestInit['body'],
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: body as T,
      headers: res.headers,
    };
  }

  /** An access token for demo till `index` (0 or 1). */
  async tillToken(index = 0): Promise<string> {
    const till = this.demo.tills[index];
    if (!till) throw new Error(`no demo till ${index}`);
    const r = await this.call<{ access_token: string }>('POST', '/v1/auth/till', {
      body: { access_key: this.demo.access_key, secret_key: this.demo.secret_key, client_id: till.client_id },
    });
    if (r.status !== 200) throw new Error(`till login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.access_token;
  }

  async appToken(): Promise<string> {
    const r = await this.call<{ access_token: string }>('POST', '/v1/auth/app', {
      body: { app_name: this.demo.app_name, app_secret: this.demo.app_secret },
    });
    if (r.status !== 200) throw new Error(`app login failed: ${r.status}`);
    return r.body.access_token;
  }

  async createOrder(token: string, body: Record<string, unknown>, idempotencyKey?: string): Promise<Answer<Order>> {
    return this.call<Order>('POST', '/v1/orders', {
      token,
      body,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    });
  }

  async pay(token: string, orderId: string, body: Record<string, unknown> = {}): Promise<Answer<Order>> {
    return this.call<Order>('POST', `/v1/sandbox/orders/${orderId}/pay`, { token, body });
  }

  async order(token: string, orderId: string): Promise<Order> {
    const r = await this.call<Order>('GET', `/v1/orders/${orderId}`, { token });
    if (r.status !== 200) throw new Error(`GET order ${orderId}: ${r.status}`);
    return r.body;
  }

  async events(token: string, afterSeq = 0): Promise<TillgateEvent[]> {
    const all: TillgateEvent[] = [];
    let after = afterSeq;
    for (;;) {
      const r = await this.call<{ data: TillgateEvent[]; next_cursor: string | null }>(
        'GET',
        `/v1/events?after_seq=${after}&limit=500`,
        { token },
      );
      all.push(...r.body.data);
      if (!r.body.next_cursor) return all;
      after = Number(r.body.next_cursor);
    }
  }
}

export const isProblem = (r: Answer<unknown>): boolean => {
  const p = r.body as Problem;
  return (
    r.contentType.includes('application/problem+json') &&
    typeof p.code === 'string' &&
    p.status === r.status &&
    !('stack' in p)
  );
};

let counter = 0;
/** A fresh order reference per call, so tests never replace each other's orders. */
export const ref = (prefix = 'T'): string => `${prefix}-${process.pid}-${Date.now()}-${++counter}`;
