import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TillgateAuthenticationError } from '../errors.js';
import { Tillgate } from '../index.js';
import { problem, type Scripted, scriptedFetch, tokenPair } from '../test-support/scripted-fetch.js';

const order = { status: 200, body: { id: 'ord_1', status: 'pending' } };

function client(script: Record<string, Scripted[]>) {
  const fake = scriptedFetch(script);
  const tillgate = new Tillgate({
    baseUrl: 'http://gateway.test/',
    auth: { accessKey: 'ak', secretKey: 'sk', clientId: 'caixa-01' },
    fetch: fake.fetch,
    maxRetries: 0,
  });
  const bearers = () => fake.of('GET', '/v1/orders/ord_1').map((r) => r.headers.get('authorization'));
  return { tillgate, bearers, ...fake };
}

describe('the session behind a till client', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('signs in once and reuses the access token while it is fresh', async () => {
    const { tillgate, bearers, of } = client({
      'POST /v1/auth/till': [tokenPair(1)],
      'GET /v1/orders/ord_1': [order, order],
    });
    await tillgate.orders.get('ord_1');
    await tillgate.orders.get('ord_1');
    expect(of('POST', '/v1/auth/till')[0]?.body).toEqual({ access_key: 'ak', secret_key: 'sk', client_id: 'caixa-01' });
    expect(bearers()).toEqual(['Bearer at_1', 'Bearer at_1']);
  });

  it('refreshes before expiry with the refresh token as the bearer, then uses the rotated one', async () => {
    const { tillgate, bearers, of } = client({
      'POST /v1/auth/till': [tokenPair(1)],
      'POST /v1/auth/refresh': [tokenPair(2), tokenPair(3)],
      'GET /v1/orders/ord_1': [order, order, order],
    });
    await tillgate.orders.get('ord_1');
    vi.advanceTimersByTime(841_000); // 15 min tokens are renewed in their last minute
    await tillgate.orders.get('ord_1');
    vi.advanceTimersByTime(841_000);
    await tillgate.orders.get('ord_1');
    expect(bearers()).toEqual(['Bearer at_1', 'Bearer at_2', 'Bearer at_3']);
    expect(of('POST', '/v1/auth/refresh').map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer rt_1',
      'Bearer rt_2',
    ]);
    expect(of('POST', '/v1/auth/till')).toHaveLength(1);
  });

  it('shares one refresh among concurrent requests, since a refresh token works once', async () => {
    const { tillgate, of } = client({
      'POST /v1/auth/till': [tokenPair(1)],
      'POST /v1/auth/refresh': [tokenPair(2)],
      'GET /v1/orders/ord_1': Array.from({ length: 6 }, () => order),
    });
    await tillgate.orders.get('ord_1');
    vi.advanceTimersByTime(900_000);
    await Promise.all(Array.from({ length: 5 }, () => tillgate.orders.get('ord_1')));
    expect(of('POST', '/v1/auth/refresh')).toHaveLength(1);
  });

  it('signs in again when the refresh token is refused', async () => {
    const { tillgate, bearers } = client({
      'POST /v1/auth/till': [tokenPair(1), tokenPair(2)],
      'POST /v1/auth/refresh': [problem('refresh_token_reused', 401)],
      'GET /v1/orders/ord_1': [order, order],
    });
    await tillgate.orders.get('ord_1');
    vi.advanceTimersByTime(900_000);
    await tillgate.orders.get('ord_1');
    expect(bearers()).toEqual(['Bearer at_1', 'Bearer at_2']);
  });

  it('renews the token once after a 401 and repeats the request, but only once', async () => {
    const { tillgate, bearers } = client({
      'POST /v1/auth/till': [tokenPair(1)],
      'POST /v1/auth/refresh': [tokenPair(2), tokenPair(3)],
      'GET /v1/orders/ord_1': [
        problem('invalid_token', 401),
        order,
        problem('invalid_token', 401),
        problem('invalid_token', 401),
      ],
    });
    await expect(tillgate.orders.get('ord_1')).resolves.toMatchObject({ id: 'ord_1' });
    expect(bearers()).toEqual(['Bearer at_1', 'Bearer at_2']);
    await expect(tillgate.orders.get('ord_1')).rejects.toBeInstanceOf(TillgateAuthenticationError);
    expect(bearers()).toEqual(['Bearer at_1', 'Bearer at_2', 'Bearer at_2', 'Bearer at_3']);
  });

  it('fails with an authentication error when the credentials are wrong', async () => {
    const { tillgate, of } = client({ 'POST /v1/auth/till': [problem('invalid_credentials', 401)] });
    await expect(tillgate.orders.get('ord_1')).rejects.toMatchObject({
      name: 'TillgateAuthenticationError',
      code: 'invalid_credentials',
    });
    expect(of('GET', '/v1/orders/ord_1')).toHaveLength(0);
  });

  it('sends an app sign-in for app credentials and a client secret as it is', async () => {
    const app = scriptedFetch({
      'POST /v1/auth/app': [tokenPair(1)],
      'GET /v1/wallets': [{ status: 200, body: { data: [] } }],
    });
    await new Tillgate({
      baseUrl: 'http://g',
      auth: { appName: 'shop', appSecret: 's' },
      fetch: app.fetch,
    }).wallets.list({
      till_id: 'till_1',
    });
    expect(app.seen[0]?.body).toEqual({ app_name: 'shop', app_secret: 's' });
    expect(app.seen[1]?.url.search).toBe('?till_id=till_1');

    const browser = scriptedFetch({ 'GET /v1/orders/ord_1': [order] });
    await new Tillgate({
      baseUrl: 'http://g',
      auth: { clientSecret: 'ord_1_secret_x' },
      fetch: browser.fetch,
    }).orders.get('ord_1');
    expect(browser.seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer ord_1_secret_x']);
  });
});
