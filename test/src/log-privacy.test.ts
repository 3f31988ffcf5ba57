import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { emailedToken, PanelSession } from './support/panel.js';

/** Every line the gateway's logger writes, as written. */
class CapturedLog extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

const CPF = '52998224725';
const BUYER_EMAIL = 'compradora.silva@example.com';
const NEW_PASSWORD = 'uma-senha-nova-bem-longa';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`nothing secret or personal in the log on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    const captured = new CapturedLog();
    let t!: TestGateway;
    suiteGateway(backend, { outboxDir, log: createLogger('trace', captured), loginLockoutAfter: 5 }, (suite) => {
      t = suite.t;
    });

    it('logs a whole flow, a failing create and a failing log-in without a secret, token, password, CPF or email', async () => {
      const secrets: string[] = [t.demo.secret_key, t.demo.app_secret, t.demo.panel_password, NEW_PASSWORD];
      const personal: string[] = [CPF, '529.982.247-25', BUYER_EMAIL, t.demo.panel_email];

      // A till logs in, creates an order with a buyer, it is paid and partly refunded.
      const login = await t.api.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/till', {
        body: { access_key: t.demo.access_key, secret_key: t.demo.secret_key, client_id: t.demo.tills[0]?.client_id },
      });
      const { access_token: token, refresh_token: refresh } = login.body;
      secrets.push(token, refresh);
      const buyer = { name: 'Maria Silva', cpf_cnpj: CPF, email: BUYER_EMAIL };
      const created = await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 5000, buyer });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      secrets.push((created.body as Order & { client_secret: string }).client_secret);
      expect((await t.api.pay(token, created.body.id)).status).toBe(200);
      const refund = await t.api.call('POST', `/v1/orders/${created.body.id}/refunds`, {
        token,
        body: { amount: 1000 },
      });
      expect(refund.status).toBe(201);
      const refreshed = await t.api.call<{ access_token: string }>('POST', '/v1/auth/refresh', { token: refresh });
      secrets.push(refreshed.body.access_token);

      // A panel user logs in (once wrongly), asks for a reset and sets a new password with the link.
      const email = t.demo.panel_email;
      expect(
        (await t.api.call('POST', '/v1/panel/login', { body: { email, password: 'not-the-password' } })).status,
      ).toBe(401);
      const session = await PanelSession.logIn(t.api, email, t.demo.panel_password);
      secrets.push(session.cookie.split('=')[1] as string, session.view.csrf_token);
      expect((await t.api.call('POST', '/v1/panel/password-reset', { body: { email } })).status).toBe(202);
      const resetToken = await emailedToken(t.api, email, 'reset');
      secrets.push(resetToken);
      const confirmed = await t.api.call('POST', '/v1/panel/password-reset/confirm', {
        body: { token: resetToken, password: NEW_PASSWORD },
      });
      expect(confirmed.status).toBe(200);

      // A create the database refuses after the buyer is in the statement: the error carries the row.
      await t.gateway.db.knex.raw(
        "ALTER TABLE orders ADD CONSTRAINT forced_failure CHECK (order_ref NOT LIKE 'FORCED-%')",
      );
      const failed = await t.api.call<{ code: string; request_id: string }>('POST', '/v1/orders', {
        token,
        body: { order_ref: ref('FORCED'), wallet: 'pix', amount: 700, buyer },
      });
      expect(failed.status).toBe(500);
      expect(failed.contentType).toContain('application/problem+json');
      expect(failed.body).toMatchObject({ code: 'internal_error' });
      expect(JSON.stringify(failed.body)).not.toContain(CPF);
      await t.gateway.db.knex.raw('ALTER TABLE orders DROP CONSTRAINT forced_failure');

      // A log-in the database fails while the email is the query's parameter.
      await t.gateway.db.knex.raw('ALTER TABLE users RENAME TO users_away');
      try {
        const broken = await t.api.call('POST', '/v1/panel/login', { body: { email, password: NEW_PASSWORD } });
        expect(broken.status).toBe(500);
        expect(broken.body).toMatchObject({ code: 'internal_error' });
      } finally {
        await t.gateway.db.knex.raw('ALTER TABLE users_away RENAME TO users');
      }

      // The failures were logged, as JSON, with their request ids: the test reads what an operator would.
      const unhandled = captured.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unhandled error');
      expect(unhandled).toHaveLength(2);
      expect(unhandled.map((l) => l.request_id)).toEqual([failed.body.request_id, expect.any(String)]);
      expect(unhandled[0].err.message).toContain('forced_failure');
      for (const value of [...secrets, ...personal]) {
        expect(value.length).toBeGreaterThan(5);
        expect(captured.text, `the log holds ${value.slice(0, 4)}…`).not.toContain(value);
      }
      expect(captured.text.toLowerCase()).not.toContain(email.toLowerCase());
    });
  });
}
