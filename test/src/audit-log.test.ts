import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_MERCHANT_ID, verifyAuditChain } from '@tillgate/gateway';
import type { AuditEvent, Order, Page } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { emailedToken, PanelSession } from './support/panel.js';

const USER_AGENT = 'audit-test/1.0';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`audit log on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    let t!: TestGateway;
    let till!: string;
    let app!: string;
    let admin!: PanelSession;
    suiteGateway(backend, { outboxDir }, (suite) => {
      ({ t, token: till } = suite);
    });
    const knex = () => t.gateway.deps.knex;

    async function audit(session: { call: PanelSession['call'] } | string, query = '') {
      const path = `/v1/audit-events${query ? `?${query}` : ''}`;
      return typeof session === 'string'
        ? t.api.call<Page<AuditEvent>>('GET', path, { token: session })
        : session.call<Page<AuditEvent>>('GET', path);
    }
    const actionsOf = (page: Page<AuditEvent>) => page.data.map((e) => e.action);
    let storeKeys = { access_key: '', secret_key: '' };
    /** Fresh tokens after a rotation or a jump of the clock past their lifetime. */
    async function signInAgain(): Promise<void> {
      const r = await t.api.call<{ access_token: string }>('POST', '/v1/auth/till', {
        body: { ...storeKeys, client_id: t.demo.tills[0]?.client_id },
      });
      till = r.body.access_token;
      app = await t.api.appToken();
    }

    beforeAll(async () => {
      // A wrong password for a known user, and one for an email nobody has: only the first is the merchant's.
      const wrong = { email: t.demo.panel_email, password: 'not-the-password' };
      expect((await t.api.call('POST', '/v1/panel/login', { body: wrong })).status).toBe(401);
      const stranger = { email: `nobody-${randomBytes(4).toString('hex')}@example.com`, password: 'x'.repeat(12) };
      expect((await t.api.call('POST', '/v1/panel/login', { body: stranger })).status).toBe(401);
      admin = PanelSession.from(
        t.api,
        await t.api.call('POST', '/v1/panel/login', {
          body: { email: t.demo.panel_email, password: t.demo.panel_password },
          headers: { 'user-agent': USER_AGENT },
        }),
      );
      app = await t.api.appToken();
      storeKeys = { access_key: t.demo.access_key, secret_key: t.demo.secret_key };
    });

    it('records credential rotations, money moves, team and settings changes with who, where and what, never a secret', async () => {
      const endpoint = await t.api.call<{ id: string; secret: string }>('POST', '/v1/webhook-endpoints', {
        token: app,
        body: { url: 'http://127.0.0.1:9/hook', events: ['order.approved'] },
      });
      expect(endpoint.status).toBe(201);
      expect(
        (await t.api.call('POST', `/v1/webhook-endpoints/${endpoint.body.id}/disable`, { token: app })).status,
      ).toBe(200);

      // Creating an order is the hot path and is not audited; cancelling and refunding are.
      const pending = (await t.api.createOrder(till, { order_ref: ref(), wallet: 'pix', amount: 990 })).body;
      expect((await t.api.call('POST', `/v1/orders/${pending.id}/cancel`, { token: till })).status).toBe(200);
      const paid = (await t.api.createOrder(till, { order_ref: ref(), wallet: 'pix', amount: 1990 })).body;
      await t.api.pay(till, paid.id);
      const refund = await admin.call<{ id: string }>('POST', `/v1/orders/${paid.id}/refunds`, {
        body: { amount: 500 },
      });
      expect(refund.status).toBe(201);
      const store = (await t.api.call<{ data: Array<{ id: string }> }>('GET', '/v1/stores', { token: app })).body
        .data[0];
      const rotated = await t.api.call<{ access_key: string; secret_key: string }>(
        'POST',
        `/v1/stores/${store?.id}/credentials`,
        {
          token: app,
        },
      );
      expect(rotated.status).toBe(201);
      storeKeys = { access_key: rotated.body.access_key, secret_key: rotated.body.secret_key };
      await signInAgain();

      const email = `clerk-${randomBytes(4).toString('hex')}@example.com`;
      const invited = await admin.call<{ id: string }>('POST', '/v1/users', { body: { email, role: 'clerk' } });
      const token = await emailedToken(t.api, email, 'invite');
      await t.api.call('POST', '/v1/panel/invitations/accept', {
        body: { token, name: 'Caixa', password: 'senha-muito-segura' },
      });
      await admin.call('PATCH', `/v1/users/${invited.body.id}`, { body: { role: 'manager' } });
      await admin.call('POST', '/v1/panel/session/environment', { body: { environment: 'live' } });
      await admin.call('POST', '/v1/panel/session/environment', { body: { environment: 'test' } });

      const all = (await audit(admin, 'limit=100')).body;
      const text = JSON.stringify(all);
      for (const secret of [rotated.body.secret_key, endpoint.body.secret, t.demo.panel_password, email])
        expect(text).not.toContain(secret);
      expect(actionsOf(all)).not.toContain('order.created');
      expect(actionsOf(all).reverse()).toEqual([
        'session.login_failed',
        'session.login',
        'app.token_issued',
        'webhook_endpoint.created',
        'webhook_endpoint.updated',
        'order.cancelled',
        'refund.created',
        'store_credentials.rotated',
        'app.token_issued',
        'user.invited',
        'user.invitation_accepted',
        'user.updated',
        'session.environment_switched',
        'session.environment_switched',
      ]);
      const byAction = (a: string) => all.data.find((e) => e.action === a) as AuditEvent;
      expect(byAction('session.login_failed')).toMatchObject({
        actor: { kind: 'anonymous', id: null },
        target: { type: 'user', id: admin.view.user.id },
        environment: null,
      });
      expect(byAction('session.login')).toMatchObject({
        actor: { kind: 'user', id: admin.view.user.id },
        origin: { user_agent: USER_AGENT },
      });
      expect(byAction('session.login').origin.ip).toMatch(/127\.0\.0\.1$/);
      expect(byAction('store_credentials.rotated')).toMatchObject({
        actor: { kind: 'app', id: t.demo.app_name },
        environment: 'test',
        target: { type: 'store', id: store?.id },
        changes: { access_key: { before: t.demo.access_key } },
      });
      expect(byAction('order.cancelled')).toMatchObject({
        actor: { kind: 'till', id: t.demo.tills[0]?.id },
        target: { type: 'order', id: pending.id },
        changes: { status: { before: 'pending', after: 'cancelled' } },
      });
      expect(byAction('refund.created')).toMatchObject({
        actor: { kind: 'user', id: admin.view.user.id },
        target: { type: 'refund', id: refund.body.id },
        changes: { amount: { before: null, after: 500 }, order_id: { after: paid.id } },
      });
      expect(byAction('user.updated').changes).toEqual({ role: { before: 'clerk', after: 'manager' } });
      expect(byAction('webhook_endpoint.updated').changes).toEqual({ status: { before: 'active', after: 'disabled' } });

      // Filters and cursor pages.
      expect(actionsOf((await audit(admin, 'action=refund.created')).body)).toEqual(['refund.created']);
      const tillActs = (await audit(admin, `actor=${t.demo.tills[0]?.id}`)).body;
      expect(actionsOf(tillActs)).toEqual(['order.cancelled']);
      expect(actionsOf((await audit(admin, 'environment=test&limit=100')).body)).not.toContain('session.login');
      const pages: AuditEvent[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: Page<AuditEvent> = (await audit(admin, `limit=4${cursor ? `&cursor=${cursor}` : ''}`)).body;
        pages.push(...page.data);
        cursor = page.next_cursor;
      }
      expect(pages.map((e) => e.id)).toEqual(all.data.map((e) => e.id));
      expect((await audit(admin, 'from=not-a-date')).body).toMatchObject({ status: 422, code: 'validation_failed' });
    });

    it('filters by period', async () => {
      t.clock.advance(3_600_000);
      await signInAgain();
      t.clock.advance(1);
      const since = t.clock.now().toISOString();
      await t.api.call('POST', '/v1/webhook-callback-secret', { token: app });
      t.clock.advance(60_000);
      const until = t.clock.now().toISOString();
      const during = (await audit(admin, `from=${encodeURIComponent(since)}&to=${encodeURIComponent(until)}`)).body;
      expect(actionsOf(during)).toEqual(['webhook_callback_secret.rotated']);
      const before = (await audit(admin, `to=${encodeURIComponent(since)}&limit=100`)).body;
      expect(actionsOf(before)).not.toContain('webhook_callback_secret.rotated');
    });

    it('is for admins and apps (their environment only); clerks, managers and tills are refused', async () => {
      for (const user of t.demo.panel_users.filter((u) => u.role !== 'admin')) {
        const session = await PanelSession.logIn(t.api, user.email, t.demo.panel_password);
        expect((await audit(session)).body).toMatchObject({ status: 403, code: 'forbidden' });
      }
      expect((await audit(till)).body).toMatchObject({ status: 403, code: 'forbidden' });
      const seen = (await audit(app, 'limit=100')).body.data;
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((e) => e.environment))).toEqual(new Set(['test']));
      expect((await audit(app, 'environment=live')).body.data).toEqual([]);
    });

    it('keeps one unbroken chain under concurrent appends', async () => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => t.api.call('POST', '/v1/webhook-callback-secret', { token: app })),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
      const verdict = await verifyAuditChain(knex(), DEMO_MERCHANT_ID);
      expect(verdict.ok).toBe(true);
      const seqs = (await audit(admin, 'limit=100')).body.data.map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    });

    it('refuses updates, deletes and truncation', async () => {
      for (const statement of [
        'UPDATE audit_events SET action = action',
        'DELETE FROM audit_events',
        'TRUNCATE audit_events',
      ])
        await expect(knex().raw(statement)).rejects.toThrow(/append-only/);
    });

    it('detects an edited, a deleted and a dropped last entry once the triggers are bypassed', async () => {
      const tamper = async (sql: string, bindings: readonly unknown[]) =>
        knex()
          .transaction(async (trx) => {
            // What a superuser could do: replica mode skips the append-only triggers for this transaction.
            await trx.raw('SET LOCAL session_replication_role = replica');
            await trx.raw(sql, bindings as never);
            throw { verdict: await verifyAuditChain(trx, DEMO_MERCHANT_ID) };
          })
          .catch((rolledBack: { verdict?: unknown }) => {
            if (!rolledBack.verdict) throw rolledBack;
            return rolledBack.verdict;
          });
      const head = await knex()('audit_chain_heads').where('merchant_id', DEMO_MERCHANT_ID).first();
      const last = Number(head.seq);
      expect(
        await tamper(
          `UPDATE audit_events SET changes = '{"amount":{"before":null,"after":1}}' WHERE merchant_id = ? AND seq = 5`,
          [DEMO_MERCHANT_ID],
        ),
      ).toEqual({
        ok: false,
        seq: 5,
        reason: 'hash',
      });
      expect(await tamper('DELETE FROM audit_events WHERE merchant_id = ? AND seq = 3', [DEMO_MERCHANT_ID])).toEqual({
        ok: false,
        seq: 3,
        reason: 'gap',
      });
      expect(
        await tamper('DELETE FROM audit_events WHERE merchant_id = ? AND seq = ?', [DEMO_MERCHANT_ID, last]),
      ).toEqual({ ok: false, seq: last, reason: 'head' });
      expect(await verifyAuditChain(knex(), DEMO_MERCHANT_ID)).toEqual({ ok: true, entries: last });
    });

    it('leaves a paid order untouched by a refused change: the audit entry goes with the change or not at all', async () => {
      const paid: Order = (
        await t.api.pay(till, (await t.api.createOrder(till, { order_ref: ref(), wallet: 'pix', amount: 700 })).body.id)
      ).body;
      const before = (await audit(admin, 'limit=100')).body.data.length;
      const tooMuch = await admin.call('POST', `/v1/orders/${paid.id}/refunds`, { body: { amount: 701 } });
      expect(tooMuch.body).toMatchObject({ code: 'refund_exceeds_available' });
      expect((await audit(admin, 'limit=100')).body.data.length).toBe(before);
    });
  });
}
