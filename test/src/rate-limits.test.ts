import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RateLimitRules, startGateway } from '@tillgate/gateway';
import { Tillgate } from '@tillgate/sdk';
import type { OutboxMail } from '@tillgate/sdk/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, ref } from './support/api.js';
import { backends } from './support/backends.js';
import { startPgliteGateway, startTestGateway, suiteGateway, type TestGateway } from './support/gateway.js';
import { emailedToken, PanelSession } from './support/panel.js';
import { redisProblem, SHARED_REDIS_URL } from './support/redis.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RULES: RateLimitRules = {
  auth_ip: { limit: 12, windowMs: MINUTE },
  auth_client: { limit: 3, windowMs: MINUTE },
  panel_ip: { limit: 100, windowMs: MINUTE },
  login_email: { limit: 50, windowMs: MINUTE },
  pay_ip: { limit: 4, windowMs: MINUTE },
  orders_till: { limit: 3, windowMs: MINUTE },
  emails_merchant: { limit: 4, windowMs: HOUR },
  reset_email: { limit: 2, windowMs: HOUR },
};
const newEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.com`;

function expectRateLimited(r: Answer<unknown>, policy: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(429);
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body).toMatchObject({ code: 'rate_limited', status: 429, type: 'urn:tillgate:error:rate_limited' });
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(r.headers.get('ratelimit-policy')).toContain(`"${policy}";q=`);
  expect(r.headers.get('ratelimit')).toMatch(new RegExp(`"${policy}";r=0;t=\\d+`));
}

const outbox = async (t: TestGateway, to: string): Promise<OutboxMail[]> =>
  (await t.api.call<{ data: OutboxMail[] }>('GET', '/v1/panel/outbox')).body.data.filter((m) => m.to === to);

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`rate limits and log-in lockout on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    let t!: TestGateway;
    suiteGateway(backend, { outboxDir, rateLimits: RULES, loginLockoutAfter: 3 }, (suite) => {
      t = suite.t;
    });
    /** Every test starts in fresh windows: the limits count by the gateway's clock. */
    const nextHour = () => t.clock.advance(HOUR);

    const tillLogIn = (index: number, secret = t.demo.secret_key) =>
      t.api.call('POST', '/v1/auth/till', {
        body: { access_key: t.demo.access_key, secret_key: secret, client_id: t.demo.tills[index]?.client_id },
      });

    it('limits till log-ins per client id, right secret or wrong, and lets them in again in the next window', async () => {
      nextHour();
      for (let i = 0; i < 3; i++) expect((await tillLogIn(0, 'sk_test_wrong')).status).toBe(401);
      expectRateLimited(await tillLogIn(0), 'auth_client');
      expect((await tillLogIn(1)).status).toBe(200);
      t.clock.advance(MINUTE);
      const again = await tillLogIn(0);
      expect(again.status).toBe(200);
      expect(again.headers.get('ratelimit-policy')).toBe('"auth_ip";q=12;w=60, "auth_client";q=3;w=60');
    });

    it('limits /v1/auth/* per client address, whatever the client id', async () => {
      nextHour();
      for (let i = 0; i < 12; i++) {
        const r = await t.api.call('POST', '/v1/auth/app', { body: { app_name: `nope-${i}`, app_secret: 'x' } });
        expect(r.status).toBe(401);
      }
      expectRateLimited(await tillLogIn(1), 'auth_ip');
      expectRateLimited(await t.api.call('POST', '/v1/auth/refresh', { token: 'whatever' }), 'auth_ip');
    });

    it("limits the payment links' hosted pages and their API per client address: no session stands behind them", async () => {
      nextHour();
      const token = 'nao-e-um-link';
      for (const path of [`/v1/pay/${token}`, `/v1/pay/${token}`, `/v1/pay/${token}`])
        expect((await t.api.call('GET', path)).status).toBe(404);
      expect((await fetch(`${t.url}/pay/${token}`)).status).toBe(404);
      expectRateLimited(await t.api.call('POST', `/v1/pay/${token}/order`, { body: { wallet: 'pix' } }), 'pay_ip');
      expect((await fetch(`${t.url}/pay/${token}`)).status).toBe(429);
    });

    it('limits order creation per till and refuses past it without writing anything', async () => {
      nextHour();
      const [one, two] = [await t.api.tillToken(0), await t.api.tillToken(1)];
      const tillId = t.demo.tills[0]?.id as string;
      const count = async () =>
        Number((await t.gateway.db.knex('orders').where({ till_id: tillId }).count({ n: '*' }))[0]?.n);
      for (let i = 0; i < 3; i++) {
        const created = await t.api.createOrder(one, { order_ref: ref(), wallet: 'pix', amount: 100 + i });
        expect(created.status).toBe(201);
        expect(created.headers.get('ratelimit')).toMatch(new RegExp(`^"orders_till";r=${2 - i};t=\\d+$`));
      }
      const before = await count();
      expectRateLimited(await t.api.createOrder(one, { order_ref: ref(), wallet: 'pix', amount: 999 }), 'orders_till');
      expect(await count()).toBe(before);
      expect((await t.api.createOrder(two, { order_ref: ref(), wallet: 'pix', amount: 500 })).status).toBe(201);
    });

    it('locks panel log-in after repeated failures, emails an unlock link once, and the link lifts it once', async () => {
      nextHour();
      const { panel_email: email, panel_password: password } = t.demo;
      const logIn = (e: string, p: string) =>
        t.api.call('POST', '/v1/panel/login', { body: { email: e, password: p } });
      for (let i = 0; i < 3; i++) expect((await logIn(email, 'wrong-password')).status).toBe(401);
      const locked = await logIn(email, password);
      expect(locked.status).toBe(403);
      expect(locked.body).toMatchObject({ code: 'account_locked' });
      expect((await logIn(email.toUpperCase(), 'wrong-password')).body).toMatchObject({ code: 'account_locked' });
      expect((await outbox(t, email)).filter((m) => m.subject.includes('bloqueado'))).toHaveLength(1);
      const lockouts = await t.gateway.db.knex('audit_events').where({ action: 'session.locked_out' });
      expect(lockouts).toHaveLength(1);

      // An address without an account answers alike, so lockouts do not tell which addresses exist.
      const stranger = newEmail('nobody');
      for (let i = 0; i < 3; i++) expect((await logIn(stranger, 'wrong-password')).status).toBe(401);
      expect((await logIn(stranger, 'wrong-password')).body).toMatchObject({ code: 'account_locked' });
      expect(await outbox(t, stranger)).toHaveLength(0);

      const token = await emailedToken(t.api, email, 'unlock');
      expect((await t.api.call('POST', '/v1/panel/unlock', { body: { token } })).status).toBe(200);
      await PanelSession.logIn(t.api, email, password);
      expect((await t.api.call('POST', '/v1/panel/unlock', { body: { token } })).body).toMatchObject({
        code: 'invalid_link',
      });
      // A success forgets earlier failures: two more do not lock.
      for (let i = 0; i < 2; i++) expect((await logIn(email, 'wrong-password')).status).toBe(401);
      await PanelSession.logIn(t.api, email, password);
    });

    it('locks once and emails once when failures race past the threshold', async () => {
      nextHour();
      const manager = t.demo.panel_users.find((u) => u.role === 'manager')?.email as string;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.api.call('POST', '/v1/panel/login', { body: { email: manager, password: 'wrong-password' } }),
        ),
      );
      expect(answers.map((a) => a.status).filter((s) => s !== 401 && s !== 403)).toEqual([]);
      const unlockEmails = (await outbox(t, manager)).filter((m) => m.links.some((l) => l.includes('#/unlock?')));
      expect(unlockEmails).toHaveLength(1);
      const token = await emailedToken(t.api, manager, 'unlock');
      expect((await t.api.call('POST', '/v1/panel/unlock', { body: { token } })).status).toBe(200);
    });

    it('limits password resets per address (known or not) and sends no more emails than allowed', async () => {
      nextHour();
      const clerk = t.demo.panel_users.find((u) => u.role === 'clerk')?.email as string;
      const reset = (email: string) => t.api.call('POST', '/v1/panel/password-reset', { body: { email } });
      const sentBefore = (await outbox(t, clerk)).length;
      for (let i = 0; i < 2; i++) expect((await reset(clerk)).status).toBe(202);
      expectRateLimited(await reset(clerk), 'reset_email');
      expect((await outbox(t, clerk)).length - sentBefore).toBe(2);
      const stranger = newEmail('nobody');
      for (let i = 0; i < 2; i++) expect((await reset(stranger)).status).toBe(202);
      expectRateLimited(await reset(stranger), 'reset_email');
    });

    it("limits a merchant's emails: an invitation past the limit is refused and no user is made", async () => {
      nextHour();
      const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      for (let i = 0; i < 4; i++) {
        const r = await admin.call('POST', '/v1/users', { body: { email: newEmail('invited'), role: 'clerk' } });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      const refused = newEmail('refused');
      expectRateLimited(
        await admin.call('POST', '/v1/users', { body: { email: refused, role: 'clerk' } }),
        'emails_merchant',
      );
      expect(await t.gateway.db.knex('users').where({ email: refused }).first()).toBeUndefined();
      expect(await outbox(t, refused)).toHaveLength(0);
      // Past the budget a reset answers as always but sends nothing (it must not tell the address exists).
      const manager = t.demo.panel_users.find((u) => u.role === 'manager')?.email as string;
      const sentBefore = (await outbox(t, manager)).length;
      expect((await t.api.call('POST', '/v1/panel/password-reset', { body: { email: manager } })).status).toBe(202);
      expect(await outbox(t, manager)).toHaveLength(sentBefore);
    });
  });
}

describe('a gateway with only the per-till order limit on', () => {
  let t!: TestGateway;
  beforeAll(async () => {
    t = await startPgliteGateway({ rateLimits: { orders_till: { limit: 1, windowMs: 1000 } } });
  });
  afterAll(() => t?.close());

  it('answers log-ins on their merits, with no RateLimit headers, when those limits are off', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        t.api.call('POST', '/v1/auth/till', {
          body: { access_key: t.demo.access_key, secret_key: 'sk_test_wrong', client_id: t.demo.tills[0]?.client_id },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 401));
    expect(answers.some((a) => a.headers.has('ratelimit'))).toBe(false);
    const wrong = await t.api.call('POST', '/v1/panel/login', { body: { email: t.demo.panel_email, password: 'no' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.has('ratelimit')).toBe(false);
    await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
  });

  it('the SDK waits Retry-After and retries the create with the same Idempotency-Key, which then succeeds', async () => {
    const seen: Array<{ status: number; key: string | null; retryAfter: string | null }> = [];
    let limitedAt = 0;
    const sdk = new Tillgate({
      baseUrl: t.url,
      auth: { accessKey: t.demo.access_key, secretKey: t.demo.secret_key, clientId: t.demo.tills[0]?.client_id ?? '' },
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (String(input).endsWith('/v1/orders')) {
          const key = new Headers(init?.headers).get('idempotency-key');
          seen.push({ status: res.status, key, retryAfter: res.headers.get('retry-after') });
          if (res.status === 429) {
            limitedAt = performance.now();
            // The gateway's window ends by its clock; the SDK waits by the wall's.
            t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
          }
        }
        return res;
      },
    });
    await sdk.orders.create({ order_ref: ref(), wallet: 'pix', amount: 100 });
    const second = await sdk.orders.create({ order_ref: ref(), wallet: 'pix', amount: 200 });
    const waitedMs = performance.now() - limitedAt;
    expect(second.amount).toBe(200);
    expect(seen.map((s) => s.status)).toEqual([201, 429, 201]);
    expect(seen[1]?.retryAfter).toBe('1');
    expect(seen[2]?.key).toBe(seen[1]?.key);
    expect(waitedMs).toBeGreaterThanOrEqual(950);
  });
});

const postgres = (await backends()).find((b) => b.name === 'postgres');
const shared = postgres?.unavailable ?? (await redisProblem());

describe.skipIf(shared)('rate limits shared by two gateways through Redis', () => {
  it('counts the log-ins of one client id on either instance against one limit', async () => {
    const storage = await (postgres as NonNullable<typeof postgres>).create();
    const rules = { auth_client: { limit: 3, windowMs: MINUTE } };
    const a = await startTestGateway(storage, { redisUrl: SHARED_REDIS_URL, rateLimits: rules });
    const b = await startGateway({
      databaseUrl: storage.databaseUrl,
      port: 0,
      redisUrl: SHARED_REDIS_URL,
      rateLimits: rules,
      clock: a.clock,
      log: pino({ level: 'silent' }),
    });
    const at = (url: string) =>
      fetch(`${url}/v1/auth/till`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          access_key: a.demo.access_key,
          secret_key: 'sk_test_wrong',
          client_id: a.demo.tills[0]?.client_id,
        }),
      }).then((r) => r.status);
    try {
      expect([await at(a.url), await at(b.url), await at(a.url)]).toEqual([401, 401, 401]);
      expect(await at(b.url)).toBe(429);
      expect(await at(a.url)).toBe(429);
    } finally {
      await b.close();
      await a.close();
      await storage.drop();
    }
  });
});
