import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Order, Problem } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, isProblem, ref } from './support/api.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
import { latestEmail, PanelSession } from './support/panel.js';

/** Issue 11's edge findings (2, 6, 9, 10, 11), each as the request an attacker or a careless client sent. */

const FOREIGN = 'https://shop.example';

let t: TestGateway;
let token: string;
beforeAll(async () => {
  t = await startPgliteGateway();
  token = await t.api.tillToken(0);
});
afterAll(() => t?.close());

const code = (r: Answer<unknown>) => (r.body as Problem).code;
const fields = (r: Answer<unknown>) => (r.body as Problem).errors?.map((e) => e.field);
const orderBody = (extra: Record<string, unknown> = {}) => ({
  order_ref: ref('EDGE'),
  wallet: 'pix',
  amount: 1990,
  ...extra,
});
const create = (body: Record<string, unknown>) => t.api.call<Order>('POST', '/v1/orders', { token, body });
const panel = () => PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);

describe('finding 2: panel routes answer no CORS and refuse other origins', () => {
  it('gives a foreign page neither the outbox nor a reset, and no CORS header on either', async () => {
    const outbox = await t.api.call('GET', '/v1/panel/outbox', { headers: { origin: FOREIGN } });
    expect([outbox.status, code(outbox)]).toEqual([403, 'forbidden']);
    expect(outbox.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.api.call('OPTIONS', '/v1/panel/password-reset', {
      headers: { origin: FOREIGN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    const email = t.demo.panel_email;
    const before = await latestEmail(t.api, email);
    const reset = await t.api.call('POST', '/v1/panel/password-reset', {
      body: { email },
      headers: { origin: FOREIGN },
    });
    expect([reset.status, code(reset)]).toEqual([403, 'forbidden']);
    expect(await latestEmail(t.api, email)).toEqual(before);

    // The panel's own page and scripts without a page still work, with no CORS header either.
    const own = await t.api.call('GET', '/v1/panel/outbox', { headers: { origin: t.url } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a log-out from another origin, leaving the session alive', async () => {
    const s = await panel();
    const out = await s.call('POST', '/v1/panel/logout', { headers: { origin: FOREIGN } });
    expect([out.status, code(out)]).toEqual([403, 'forbidden']);
    expect((await s.call('GET', '/v1/panel/session')).status).toBe(200);
    expect((await s.call('POST', '/v1/panel/logout', { headers: { origin: t.url } })).status).toBe(204);
  });

  it('refuses the session cookie from another origin on the API routes too, which keep * for bearer tokens', async () => {
    const s = await panel();
    const stores = await s.call('GET', '/v1/stores', { headers: { origin: FOREIGN } });
    expect([stores.status, code(stores)]).toEqual([403, 'forbidden']);
    const bearer = await t.api.call('GET', '/v1/orders', { token, headers: { origin: FOREIGN } });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('access-control-allow-origin')).toBe('*');
    // A browser app with a bearer token manages stores and tills too (PATCH, DELETE) and reads its limits.
    const preflight = await t.api.call('OPTIONS', '/v1/stores/sto_X', {
      headers: { origin: FOREIGN, 'access-control-request-method': 'PATCH' },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, PATCH, DELETE');
    expect(bearer.headers.get('access-control-expose-headers')).toContain('RateLimit');
  });
});

describe('finding 6: client mistakes are 4xx problems, never a 500', () => {
  it('decodes real gzip, deflate and br bodies and answers 400 for one that is not what it says', async () => {
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const) {
      const real = await t.api.call('POST', '/v1/orders', {
        token,
        raw: compress(Buffer.from(JSON.stringify(orderBody()))),
        headers: { 'content-encoding': encoding },
      });
      expect([encoding, real.status]).toEqual([encoding, 201]);
      const fake = await t.api.call('POST', '/v1/orders', {
        token,
        raw: JSON.stringify(orderBody()),
        headers: { 'content-encoding': encoding },
      });
      expect([encoding, fake.status, code(fake)]).toEqual([encoding, 400, 'invalid_content_encoding']);
      expect(isProblem(fake)).toBe(true);
    }
  });

  it('refuses NUL and lone surrogates in any string, body or query, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ metadata: { note: 'a\u0000b' } }, 'metadata.note'],
      [{ buyer: { name: '\u0000' } }, 'buyer.name'],
      [{ items: [{ title: 'x\u0000', quantity: 1, unit_amount: 1990 }] }, 'items.0.title'],
      [{ order_ref: 'A\ud800' }, 'order_ref'],
      [{ metadata: { k: '\udc00' } }, 'metadata.k'],
    ];
    for (const [extra, field] of cases) {
      const r = await create(orderBody(extra));
      expect([r.status, code(r), fields(r)]).toEqual([422, 'validation_failed', [field]]);
    }
    for (const [query, field] of [
      ['q=%00', 'query.q'],
      ['provider=a%00', 'query.provider'],
    ]) {
      const r = await t.api.call('GET', `/v1/orders?${query}`, { token });
      expect([query, r.status, fields(r)]).toEqual([query, 422, [field]]);
    }
    const app = await t.api.appToken();
    const path = await t.api.call('POST', '/v1/apps/a%00b/secret', { token: app, body: {} });
    expect([path.status, fields(path)]).toEqual([422, ['app_name']]);
    const login = await t.api.call('POST', '/v1/panel/login', { body: { email: 'a\u0000@b.c', password: 'x' } });
    expect([login.status, fields(login)]).toEqual([422, ['email']]);
  });

  it('answers 400 for a path segment that is not percent-encoded UTF-8', async () => {
    for (const path of ['/v1/orders/%ED%A0%80', '/v1/orders/%E0%A4%A', '/v1/apps/%C0/secret']) {
      const r = await t.api.call(path.endsWith('secret') ? 'POST' : 'GET', path, { token });
      expect([path, r.status, code(r)]).toEqual([path, 400, 'invalid_id']);
    }
  });

  it('answers 415 for text, form and XML bodies', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const r = await t.api.call('POST', '/v1/orders', {
        token,
        raw: type === 'application/x-www-form-urlencoded' ? 'order_ref=a&amount=1' : '<order/>',
        headers: { 'content-type': type },
      });
      expect([type, r.status, code(r)]).toEqual([type, 415, 'unsupported_media_type']);
    }
  });

  it('answers 400 for a cursor holding a date out of range', async () => {
    const cursor = Buffer.from(JSON.stringify(['+275000-01-01T00:00:00.000Z', 'ord_01JZ8Y3M2Q4W5E6R7T8Y9U0I1O']));
    const r = await t.api.call('GET', `/v1/orders?cursor=${cursor.toString('base64url')}`, { token });
    expect([r.status, code(r)]).toEqual([400, 'invalid_cursor']);
  });
});

describe('finding 9: headers', () => {
  it('sends Referrer-Policy and nosniff on every answer, and a framing-proof CSP on /docs', async () => {
    const answers = await Promise.all(
      ['/healthz', '/docs', '/v1/orders', '/no/such/route', '/v1/openapi.json'].map((p) => fetch(t.url + p)),
    );
    for (const a of answers) {
      expect([a.url, a.headers.get('referrer-policy')]).toEqual([a.url, 'no-referrer']);
      expect([a.url, a.headers.get('x-content-type-options')]).toEqual([a.url, 'nosniff']);
    }
    expect(answers[1]?.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(answers[1]?.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('keeps answers carrying tokens and secrets out of every cache', async () => {
    const login = await t.api.call('POST', '/v1/auth/till', {
      body: {
        access_key: t.demo.access_key,
        secret_key: t.demo.secret_key,
        client_id: t.demo.tills[0]?.client_id,
      },
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const order = await create(orderBody());
    expect(order.body.client_secret).toBeTruthy();
    expect(order.headers.get('cache-control')).toBe('no-store');
  });

  it('serves /metrics without CORS, to loopback without a token', async () => {
    const r = await fetch(`${t.url}/metrics`, { headers: { origin: FOREIGN } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('finding 10: no bearer credential from a URL, but a QR image for a client secret', () => {
  it('refuses ?access_token= and ?client_secret= on HTTP routes', async () => {
    const order = (await create(orderBody())).body;
    const byToken = await t.api.call('GET', `/v1/orders?access_token=${token}`);
    expect([byToken.status, code(byToken)]).toEqual([401, 'unauthenticated']);
    const bySecret = await t.api.call('GET', `/v1/orders/${order.id}?client_secret=${order.client_secret}`);
    expect([bySecret.status, code(bySecret)]).toEqual([401, 'unauthenticated']);
    const qrByToken = await t.api.call('GET', `/v1/orders/${order.id}/qr.png?access_token=${token}`);
    expect(qrByToken.status).toBe(401);
  });

  it("serves an order's QR to an <img> holding that order's client secret only", async () => {
    const [a, b] = [(await create(orderBody())).body, (await create(orderBody())).body];
    const png = await fetch(`${t.url}/v1/orders/${a.id}/qr.png?client_secret=${encodeURIComponent(a.client_secret)}`);
    expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png']);
    const other = await t.api.call('GET', `/v1/orders/${b.id}/qr.png?client_secret=${a.client_secret}`);
    expect([other.status, code(other)]).toEqual([404, 'not_found']);
  });
});

describe('finding 11: smaller gaps', () => {
  it('refuses an empty or non-decimal number in any query', async () => {
    for (const [query, field] of [
      ['amount_min=', 'query.amount_min'],
      ['amount_min=0x10', 'query.amount_min'],
      ['amount_max=1e3', 'query.amount_max'],
      ['limit=%2010', 'query.limit'],
    ]) {
      const r = await t.api.call('GET', `/v1/orders?${query}`, { token });
      expect([query, r.status, fields(r)]).toEqual([query, 422, [field]]);
    }
    const events = await t.api.call('GET', '/v1/events?after_seq=-1', { token });
    expect([events.status, fields(events)]).toEqual([422, ['query.after_seq']]);
    expect((await t.api.call('GET', '/v1/orders?amount_min=0&limit=5', { token })).status).toBe(200);
  });

  it('refuses an access token once its refresh family is revoked (a reused refresh token)', async () => {
    const login = await t.api.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/till', {
      body: {
        access_key: t.demo.access_key,
        secret_key: t.demo.secret_key,
        client_id: t.demo.tills[0]?.client_id,
      },
    });
    const { access_token, refresh_token } = login.body;
    const refresh = () => t.api.call<{ access_token: string }>('POST', '/v1/auth/refresh', { token: refresh_token });
    const next = await refresh();
    expect(next.status).toBe(200);
    expect((await t.api.call('GET', '/v1/orders?limit=1', { token: access_token })).status).toBe(200);
    const reused = await refresh();
    expect(code(reused)).toBe('refresh_token_reused');
    for (const stolen of [access_token, next.body.access_token]) {
      const r = await t.api.call('GET', '/v1/orders?limit=1', { token: stolen });
      expect([r.status, code(r)]).toEqual([401, 'invalid_token']);
    }
  });

  it('stores a document only when its bytes are of the declared type', async () => {
    const s = await panel();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 1)]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const upload = (bytes: Uint8Array, type: string) =>
      s.call('POST', '/v1/panel/documents?name=doc', { raw: bytes, headers: { 'content-type': type } });
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    for (const [bytes, type] of [
      [html, 'application/pdf'],
      [pdf, 'image/png'],
      [png, 'image/jpeg'],
    ] as const) {
      const r = await upload(bytes, type);
      expect([type, r.status, code(r)]).toEqual([type, 415, 'unsupported_media_type']);
    }
    expect((await upload(pdf, 'application/pdf')).status).toBe(201);
    expect((await upload(png, 'image/png')).status).toBe(201);
  });
});
