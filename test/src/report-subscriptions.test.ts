import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditEvent, Page, Problem, ReportSubscription } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { invitee, unique } from './support/callers.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { openStore } from './support/management.js';
import { latestEmail, PanelSession } from './support/panel.js';

/** The API of report subscriptions on both backends, mail in the local outbox; sending is in the SMTP suite. */
for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`report subscriptions on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    let t!: TestGateway;
    suiteGateway(backend, { outboxDir }, (suite) => {
      ({ t } = suite);
    });
    let admin!: PanelSession;
    let clerk!: PanelSession;
    let storeA!: string;
    let storeB!: string;
    let limited!: PanelSession;
    beforeAll(async () => {
      const login = (role: string) =>
        PanelSession.logIn(t.api, t.demo.panel_users.find((u) => u.role === role)?.email ?? '', t.demo.panel_password);
      [admin, clerk] = await Promise.all([login('admin'), login('clerk')]);
      const app = await t.api.appToken();
      storeA = (await openStore(t.api, app, 'Loja Centro')).storeId;
      storeB = (await openStore(t.api, app, 'Loja Praia')).storeId;
      limited = await invitee(admin, 'manager', [storeA]);
    });

    const subscribe = (as: PanelSession, body: Record<string, unknown>) =>
      as.call<ReportSubscription>('POST', '/v1/report-subscriptions', {
        body: { report: 'sales', format: 'xlsx', frequency: 'weekly', ...body },
      });
    /** The signed link of this purpose in the newest email to `to`. */
    const emailedLink = async (to: string, purpose: 'confirm' | 'unsubscribe') => {
      const link = (await latestEmail(t.api, to))?.links.find((l) => l.includes(`/report-subscriptions/${purpose}?`));
      if (!link) throw new Error(`no ${purpose} link emailed to ${to}`);
      return link.slice(t.url.length);
    };

    it('asks an outsider to confirm by a signed link, which opening alone does not', async () => {
      const email = `${unique('contadora')}@escritorio.example`;
      const created = await subscribe(admin, { email, store_id: storeA });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(/^rsb_/),
        email,
        status: 'pending_confirmation',
        next_send_at: null,
        created_by: `user:${admin.view.user.id}`,
      });
      const mail = await latestEmail(t.api, email);
      expect(mail?.subject).toContain('Confirme');

      // Opening the link (as a mail scanner does) only shows a button; the POST confirms.
      const link = await emailedLink(email, 'confirm');
      const page = await t.api.call('GET', link);
      expect(page.status).toBe(200);
      expect(page.contentType).toContain('text/html');
      expect(String(page.body)).toContain('<form method="post">');
      const before = await admin.call<ReportSubscription>('GET', `/v1/report-subscriptions/${created.body.id}`);
      expect(before.body.status).toBe('pending_confirmation');

      const confirmed = await t.api.call('POST', link, {
        raw: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(confirmed.status).toBe(200);
      const after = await admin.call<ReportSubscription>('GET', `/v1/report-subscriptions/${created.body.id}`);
      // Confirmed on Monday 2026-06-01 after 06:00 in São Paulo: the first sending is next Monday's.
      expect(after.body).toMatchObject({ status: 'active', next_send_at: '2026-06-08T09:00:00.000Z' });

      // A forged or altered token is a page saying so, and changes nothing.
      const forged = await t.api.call('POST', `${link.slice(0, -3)}xyz`, { raw: '' });
      expect(forged.status).toBe(400);
      expect(String(forged.body)).toContain('Link inválido');
    });

    it('subscribes a team member at once, and a new address confirms again', async () => {
      const manager = t.demo.panel_users.find((u) => u.role === 'manager')?.email ?? '';
      const created = await subscribe(admin, { email: manager.toUpperCase(), report: 'daily', frequency: 'daily' });
      expect(created.body).toMatchObject({
        email: manager.toLowerCase(),
        status: 'active',
        store_id: null,
        next_send_at: '2026-06-02T09:00:00.000Z',
      });
      const outsider = `${unique('socio')}@fora.example`;
      const moved = await admin.call<ReportSubscription>('PATCH', `/v1/report-subscriptions/${created.body.id}`, {
        body: { email: outsider },
      });
      expect(moved.body).toMatchObject({ email: outsider, status: 'pending_confirmation', next_send_at: null });
      expect((await latestEmail(t.api, outsider))?.subject).toContain('Confirme');
    });

    it('unsubscribes by the signed link, which the new address voids for the old one', async () => {
      const email = `${unique('sai')}@fora.example`;
      const { body: s } = await subscribe(admin, { email });
      const unsubscribe = await emailedLink(email, 'unsubscribe');
      expect((await t.api.call('GET', unsubscribe)).status).toBe(200);
      const done = await t.api.call('POST', unsubscribe, {
        raw: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(done.status).toBe(200);
      expect((await admin.call<ReportSubscription>('GET', `/v1/report-subscriptions/${s.id}`)).body.status).toBe(
        'unsubscribed',
      );
      // The confirmation link cannot bring an unsubscribed recipient back.
      await t.api.call('POST', await emailedLink(email, 'confirm'), { raw: '' });
      expect((await admin.call<ReportSubscription>('GET', `/v1/report-subscriptions/${s.id}`)).body.status).toBe(
        'unsubscribed',
      );
      await admin.call('PATCH', `/v1/report-subscriptions/${s.id}`, {
        body: { email: `${unique('novo')}@fora.example` },
      });
      expect((await t.api.call('POST', unsubscribe, { raw: '' })).status).toBe(400);
    });

    it('refuses clerks, and names the fields it refuses', async () => {
      const refused = await subscribe(clerk, { email: 'x@fora.example' });
      expect(refused.status).toBe(403);
      const invalid = await subscribe(admin, { email: 'not-an-address', frequency: 'hourly' });
      expect(invalid.status).toBe(422);
      expect((invalid.body as unknown as Problem).errors?.map((e) => e.field).sort()).toEqual(['email', 'frequency']);
      const csvBr = await subscribe(admin, { email: 'x@fora.example', report: 'daily', format: 'csv-br' });
      expect(csvBr.status).toBe(422);
      expect((csvBr.body as unknown as Problem).errors).toEqual([
        { field: 'format', code: 'invalid', message: expect.any(String) },
      ]);
    });

    it('keeps a store-limited user to their stores, never all of them', async () => {
      const all = await subscribe(limited, { email: 'todas@fora.example' });
      expect(all.status).toBe(422);
      expect((all.body as unknown as Problem).errors?.[0]?.field).toBe('store_id');
      expect((await subscribe(limited, { email: 'b@fora.example', store_id: storeB })).status).toBe(404);
      const mine = await subscribe(limited, { email: `${unique('a')}@fora.example`, store_id: storeA });
      expect(mine.status).toBe(201);
      const other = await subscribe(admin, { email: `${unique('b')}@fora.example`, store_id: storeB });

      const listed = await limited.call<Page<ReportSubscription>>('GET', '/v1/report-subscriptions?limit=100');
      expect(listed.body.data.length).toBeGreaterThan(0);
      expect(listed.body.data.every((s) => s.store_id === storeA)).toBe(true);
      expect((await limited.call('GET', `/v1/report-subscriptions/${other.body.id}`)).status).toBe(404);
      expect((await limited.call('DELETE', `/v1/report-subscriptions/${other.body.id}`)).status).toBe(404);
      const widen = await limited.call('PATCH', `/v1/report-subscriptions/${mine.body.id}`, {
        body: { store_id: null },
      });
      expect(widen.status).toBe(422);
    });

    it('pages the list, deletes, and records every change in the audit log', async () => {
      const emails = [1, 2, 3].map((i) => `${unique(`p${i}`)}@fora.example`);
      const ids: string[] = [];
      for (const email of emails) ids.push((await subscribe(admin, { email })).body.id);
      const first = await admin.call<Page<ReportSubscription>>('GET', '/v1/report-subscriptions?limit=2');
      expect(first.body.data.map((s) => s.id)).toEqual([ids[2], ids[1]]);
      const second = await admin.call<Page<ReportSubscription>>(
        'GET',
        `/v1/report-subscriptions?limit=2&cursor=${first.body.next_cursor}`,
      );
      expect(second.body.data[0]?.id).toBe(ids[0]);

      const target = ids[0] as string;
      await admin.call('PATCH', `/v1/report-subscriptions/${target}`, { body: { frequency: 'monthly' } });
      expect((await admin.call('DELETE', `/v1/report-subscriptions/${target}`)).status).toBe(204);
      expect((await admin.call('GET', `/v1/report-subscriptions/${target}`)).status).toBe(404);
      const audit = await admin.call<Page<AuditEvent>>('GET', '/v1/audit-events?limit=100');
      const mine = audit.body.data.filter((e) => e.target?.id === target).map((e) => [e.action, e.changes]);
      expect(mine).toEqual([
        ['report_subscription.deleted', expect.objectContaining({ email: { before: emails[0], after: null } })],
        ['report_subscription.updated', { frequency: { before: 'weekly', after: 'monthly' } }],
        ['report_subscription.created', expect.objectContaining({ report: { before: null, after: 'sales' } })],
      ]);
    });
  });
}
