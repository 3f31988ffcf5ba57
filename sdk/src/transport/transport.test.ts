import { describe, expect, it } from 'vitest';
import {
  TillgateConflictError,
  TillgateConnectionError,
  TillgateRateLimitError,
  TillgateValidationError,
} from '../errors.js';
import { problem, type Scripted, scriptedFetch } from '../test-support/scripted-fetch.js';
import { type Call, Transport, type TransportOptions } from './transport.js';

/** A transport over a hand-written fetch, for failures a script of answers cannot express. */
const transportOver = (fetch: TransportOptions['fetch'], options: Partial<TransportOptions> = {}) =>
  new Transport({
    baseUrl: 'http://g',
    fetch,
    maxRetries: 0,
    timeoutMs: 10_000,
    backoff: { initialMs: 1, maxMs: 1 },
    ...options,
  });

function transport(script: Record<string, Scripted[]>, maxRetries = 2) {
  const fake = scriptedFetch(script);
  const waits: number[] = [];
  const t = new Transport({
    baseUrl: 'http://gateway.test',
    fetch: fake.fetch,
    maxRetries,
    timeoutMs: 1_000,
    backoff: { initialMs: 100, maxMs: 1_000, random: () => 1 },
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { t, ...fake, waits };
}

const createOrder: Call = { method: 'POST', path: '/v1/orders', body: { amount: 100 }, repeatable: true };
const cancel: Call = { method: 'POST', path: '/v1/orders/ord_1/cancel', repeatable: false };

describe('Transport', () => {
  it('retries 5xx, network errors and 409 in-progress with the same Idempotency-Key, backing off', async () => {
    const { t, seen, waits } = transport(
      {
        'POST /v1/orders': [
          problem('internal_error', 500),
          { networkError: 'fetch failed' },
          problem('idempotency_key_in_progress', 409),
          { status: 201, body: { id: 'ord_1' } },
        ],
      },
      3,
    );
    await expect(t.request(createOrder)).resolves.toEqual({ id: 'ord_1' });
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^tg_[0-9a-f]{32}$/);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('sends a call that is not repeatable again after a 5xx only when the gateway says it may', async () => {
    const once = transport({ 'POST /v1/orders/ord_1/cancel': [problem('internal_error', 500)] }, 3);
    await expect(once.t.request(cancel)).rejects.toMatchObject({ status: 500 });
    expect(once.seen).toHaveLength(1);

    const told = (should: string) => ({
      ...problem('internal_error', 500),
      headers: { 'tillgate-should-retry': should },
    });
    const allowed = transport(
      { 'POST /v1/orders/ord_1/cancel': [told('true'), { status: 503 }, { status: 200, body: { ok: 1 } }] },
      3,
    );
    await expect(allowed.t.request(cancel)).resolves.toEqual({ ok: 1 });
    expect(allowed.seen).toHaveLength(3);

    const refused = transport({ 'POST /v1/orders': [told('false')] }, 3);
    await expect(refused.t.request(createOrder)).rejects.toMatchObject({ status: 500 });
    expect(refused.seen).toHaveLength(1);
  });

  it('gives every write its own key, and uses the caller’s when given', async () => {
    const { t, seen } = transport({
      'POST /v1/orders': [
        { status: 201, body: {} },
        { status: 201, body: {} },
        { status: 201, body: {} },
      ],
    });
    await t.request(createOrder);
    await t.request(createOrder);
    await t.request(createOrder, { idempotencyKey: 'PDV-1-create' });
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('PDV-1-create');
  });

  it('honours Retry-After on a 429 and throws a rate-limit error once retries run out', async () => {
    const limited = { ...problem('rate_limited', 429), headers: { 'retry-after': '3' } };
    const { t, waits } = transport({ 'GET /v1/orders': [limited, limited, limited] });
    const error = await t.request({ method: 'GET', path: '/v1/orders', repeatable: true }).catch((e) => e);
    expect(error).toBeInstanceOf(TillgateRateLimitError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 3 });
    expect(waits).toEqual([3000, 3000]);
  });

  it('does not resend a call the gateway may have run when the answer was lost', async () => {
    const { t, seen } = transport({ 'POST /v1/orders/ord_1/cancel': [{ networkError: 'socket hang up' }] });
    await expect(t.request(cancel)).rejects.toBeInstanceOf(TillgateConnectionError);
    expect(seen).toHaveLength(1);
  });

  it('does not retry what the request got wrong, and maps the problem onto the error', async () => {
    const invalid = {
      status: 422,
      body: {
        type: 'urn:tillgate:error:validation_failed',
        code: 'validation_failed',
        title: 'Request failed validation',
        status: 422,
        detail: 'The request has invalid fields',
        errors: [{ field: 'amount', message: 'must be a positive integer' }],
        request_id: 'req_1',
      },
    };
    const { t, seen } = transport({
      'POST /v1/orders': [invalid],
      'POST /v1/orders/ord_1/cancel': [problem('order_not_cancellable', 409)],
    });
    const error = await t.request(createOrder).catch((e) => e);
    expect(error).toBeInstanceOf(TillgateValidationError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 422,
      requestId: 'req_1',
      errors: [{ field: 'amount', message: 'must be a positive integer' }],
      message: 'Request failed validation: The request has invalid fields',
    });
    await expect(t.request(cancel)).rejects.toBeInstanceOf(TillgateConflictError);
    expect(seen).toHaveLength(2);
  });

  it('turns a non-problem answer into an unexpected_response error', async () => {
    const fetch = async () =>
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'x-request-id': 'req_x' } });
    const t = transportOver(fetch);
    await expect(t.request({ method: 'GET', path: '/v1/orders', repeatable: true })).rejects.toMatchObject({
      name: 'TillgateAPIError',
      code: 'unexpected_response',
      status: 502,
      requestId: 'req_x',
    });
  });

  it('abandons an attempt after the timeout and retries it', async () => {
    let calls = 0;
    const fetch = (_: unknown, init: RequestInit = {}) => {
      calls++;
      if (calls === 2) return Promise.resolve(new Response('{"ok":true}', { status: 200 }));
      return new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    };
    const t = transportOver(fetch, { maxRetries: 1, timeoutMs: 20 });
    await expect(t.request({ method: 'GET', path: '/x', repeatable: true })).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it("stops at once when the caller's signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    let calls = 0;
    const fetch = (_: unknown, init: RequestInit = {}) => {
      calls++;
      return new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        controller.abort(new Error('user left'));
      });
    };
    const t = transportOver(fetch, { maxRetries: 5, timeoutMs: 10_000 });
    await expect(
      t.request({ method: 'GET', path: '/x', repeatable: true }, { signal: controller.signal }),
    ).rejects.toThrow('user left');
    expect(calls).toBe(1);
  });

  it('sends query parameters, skipping the unset ones and writing dates as RFC 3339', async () => {
    const { t, seen } = transport({ 'GET /v1/orders': [{ status: 200, body: { data: [] } }] });
    await t.request({
      method: 'GET',
      path: '/v1/orders',
      query: { status: 'approved', limit: 5, cursor: undefined, created_from: new Date('2026-06-01T00:00:00Z') },
      repeatable: true,
    });
    expect(seen[0]?.url.search).toBe('?status=approved&limit=5&created_from=2026-06-01T00%3A00%3A00.000Z');
  });
});
