import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, setCsrfToken, whenUnauthenticated } from './client.js';

/** The fetch the client calls, answering what the gateway would; each request is kept for inspection. */
function gateway(status: number, body: unknown, contentType = 'application/json') {
  const requests: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: URL, init: RequestInit) => {
    requests.push({ url: String(url), init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': contentType },
    });
  });
  return requests;
}

const header = (init: RequestInit, name: string) => (init.headers as Record<string, string>)[name];

describe('the API client', () => {
  beforeEach(() => {
    vi.stubGlobal('location', { origin: 'http://panel.test' });
    setCsrfToken('csrf-1');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    whenUnauthenticated(() => {});
  });

  it('sends the session cookie on every call and the CSRF token only on changes', async () => {
    const requests = gateway(200, { ok: true });
    await call('GET', '/v1/stores', { query: { include_inactive: true, cursor: undefined } });
    await call('POST', '/v1/stores', { body: { name: 'Centro' } });
    expect(requests[0]?.url).toBe('http://panel.test/v1/stores?include_inactive=true');
    expect(requests[0]?.init.credentials).toBe('same-origin');
    expect(header(requests[0]?.init as RequestInit, 'x-csrf-token')).toBeUndefined();
    expect(header(requests[1]?.init as RequestInit, 'x-csrf-token')).toBe('csrf-1');
    expect(requests[1]?.init.body).toBe('{"name":"Centro"}');
  });

  it('turns a problem into an error that names its fields', async () => {
    gateway(
      422,
      {
        code: 'validation_failed',
        detail: 'bad',
        errors: [{ field: 'cnpj', code: 'invalid_cnpj', message: 'check digits are wrong' }],
        request_id: 'req_1',
      },
      'application/problem+json',
    );
    const err = (await call('POST', '/v1/panel/signup', { body: {}, public: true }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', requestId: 'req_1' });
    expect(err.field('cnpj')).toEqual({ field: 'cnpj', code: 'invalid_cnpj', message: 'check digits are wrong' });
    expect(err.field('email')).toBeUndefined();
  });

  it('sends a lost session to the log-in, but not a refused log-in', async () => {
    const lost = vi.fn();
    whenUnauthenticated(lost);
    gateway(401, { code: 'invalid_credentials', detail: 'no' }, 'application/problem+json');
    await call('POST', '/v1/panel/login', { body: {}, public: true }).catch(() => {});
    expect(lost).not.toHaveBeenCalled();
    gateway(401, { code: 'unauthenticated', detail: 'no' }, 'application/problem+json');
    await call('GET', '/v1/orders').catch(() => {});
    expect(lost).toHaveBeenCalledOnce();
  });

  it('answers null for a body-less success and a network error for no answer', async () => {
    gateway(204, undefined);
    expect(await call('POST', '/v1/panel/logout', { public: true })).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call('GET', '/v1/stores')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
