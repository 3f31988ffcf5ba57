import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { isProblem } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { emailedToken, latestEmail, PanelSession } from './support/panel.js';

const CNPJ = '11.222.333/0001-81';
const PASSWORD = 'senha-muito-segura';
const newEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@Example.com`;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`panel accounts on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    let t!: TestGateway;
    suiteGateway(backend, { outboxDir }, (suite) => {
      t = suite.t;
    });

    const signUp = (email: string, body: Record<string, unknown> = {}) =>
      t.api.call('POST', '/v1/panel/signup', {
        body: { merchant_name: 'Mercadinho Teste', cnpj: CNPJ, email, password: PASSWORD, ...body },
      });

    /** A merchant signed up, activated from its email, and its admin logged in. */
    async function activeAdmin(): Promise<PanelSession> {
      const email = newEmail('admin');
      expect((await signUp(email)).status).toBe(201);
      const token = await emailedToken(t.api, email, 'activate');
      expect((await t.api.call('POST', '/v1/panel/activate', { body: { token } })).status).toBe(200);
      return PanelSession.logIn(t.api, email, PASSWORD);
    }

    it('refuses a sign-up whose CNPJ check digits are wrong, naming the field', async () => {
      const r = await signUp(newEmail('bad'), { cnpj: '11.222.333/0001-82' });
      expect(r.status).toBe(422);
      expect(isProblem(r)).toBe(true);
      expect(r.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cnpj' }] });
      const short = await signUp(newEmail('short'), { password: 'curta' });
      expect(short.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'password' }] });
    });

    it('signs up, emails the activation link, activates once, logs in and guards changes with CSRF', async () => {
      const email = newEmail('owner');
      const r = await signUp(email);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ merchant_id: expect.stringMatching(/^mer_/), email: email.toLowerCase() });
      expect((await signUp(email.toUpperCase())).body).toMatchObject({ status: 409, code: 'email_taken' });

      const early = await t.api.call('POST', '/v1/panel/login', { body: { email, password: PASSWORD } });
      expect(early.body).toMatchObject({ status: 403, code: 'account_not_activated' });

      const mail = await latestEmail(t.api, email);
      expect(mail?.subject).toBe('Ative sua conta Tillgate');
      expect(mail?.links[0]).toMatch(new RegExp(`^${t.url}/#/activate\\?token=`));
      const eml = readdirSync(outboxDir).find((n) => n.startsWith(mail?.id ?? '-') && n.endsWith('.eml'));
      const parsed = await simpleParser(readFileSync(path.join(outboxDir, eml as string)));
      expect(parsed.subject).toBe('Ative sua conta Tillgate');
      expect(parsed.text).toContain(mail?.links[0]);

      const token = await emailedToken(t.api, email, 'activate');
      expect((await t.api.call('POST', '/v1/panel/activate', { body: { token } })).body).toEqual({ activated: true });
      const again = await t.api.call('POST', '/v1/panel/activate', { body: { token } });
      expect(again.body).toMatchObject({ status: 400, code: 'invalid_link' });

      const wrong = await t.api.call('POST', '/v1/panel/login', { body: { email, password: 'not-the-password' } });
      expect(wrong.body).toMatchObject({ status: 401, code: 'invalid_credentials' });

      const login = await t.api.call('POST', '/v1/panel/login', { body: { email, password: PASSWORD } });
      expect(login.headers.get('set-cookie')).toMatch(/^tg_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
      const session = PanelSession.from(t.api, login);
      const view = await session.call('GET', '/v1/panel/session');
      expect(view.body).toMatchObject({
        user: { email: email.toLowerCase(), role: 'admin', store_ids: null },
        merchant: { id: r.body.merchant_id, cnpj: '11222333000181', timezone: 'America/Sao_Paulo' },
        environment: 'test',
        onboarding: { activated: true, terms_accepted: false, documents: 0, done: false },
      });
      expect((await t.api.call('GET', '/v1/panel/session')).body).toMatchObject({ status: 401 });

      const refused = await session.call('POST', '/v1/panel/onboarding/terms', { body: { accept: true }, csrf: false });
      expect(refused.body).toMatchObject({ status: 403, code: 'csrf_failed' });
      const forged = await session.call('POST', '/v1/panel/onboarding/terms', {
        body: { accept: true },
        headers: { 'x-csrf-token': 'forged' },
      });
      expect(forged.body).toMatchObject({ code: 'csrf_failed' });
      const accepted = await session.call('POST', '/v1/panel/onboarding/terms', { body: { accept: true } });
      expect(accepted.body).toMatchObject({ onboarding: { terms_accepted: true } });

      const live = await session.call('POST', '/v1/panel/session/environment', { body: { environment: 'live' } });
      expect(live.body).toMatchObject({ environment: 'live' });
      const orders = await session.call<{ data: unknown[] }>('GET', '/v1/orders');
      expect(orders.body.data).toEqual([]);

      expect((await session.call('POST', '/v1/panel/logout')).status).toBe(204);
      expect((await session.call('GET', '/v1/panel/session')).body).toMatchObject({ code: 'unauthenticated' });
    });

    it('resets a password by a one-time link that expires after an hour and ends every session', async () => {
      const admin = await activeAdmin();
      const email = admin.view.user.email;
      const unknown = await t.api.call('POST', '/v1/panel/password-reset', { body: { email: newEmail('nobody') } });
      const known = await t.api.call('POST', '/v1/panel/password-reset', { body: { email } });
      expect([unknown.status, known.status]).toEqual([202, 202]);
      expect(unknown.body).toEqual(known.body);
      const token = await emailedToken(t.api, email, 'reset');

      const confirm = (tok: string, password: string) =>
        t.api.call('POST', '/v1/panel/password-reset/confirm', { body: { token: tok, password } });
      expect((await confirm(token, 'nova-senha-segura')).status).toBe(200);
      expect((await confirm(token, 'outra-senha-segura')).body).toMatchObject({ code: 'invalid_link' });
      expect((await admin.call('GET', '/v1/panel/session')).status).toBe(401);
      await PanelSession.logIn(t.api, email, 'nova-senha-segura');

      await t.api.call('POST', '/v1/panel/password-reset', { body: { email } });
      const late = await emailedToken(t.api, email, 'reset');
      expect(late).not.toBe(token);
      t.clock.advance(3600_000 + 1000);
      expect((await confirm(late, 'tarde-demais-senha')).body).toMatchObject({ status: 400, code: 'invalid_link' });
      await PanelSession.logIn(t.api, email, 'nova-senha-segura');
    });

    it('ends a session after 12 idle hours, not while it is used', async () => {
      const admin = await activeAdmin();
      for (let i = 0; i < 3; i++) {
        t.clock.advance(11 * 3600_000);
        expect((await admin.call('GET', '/v1/panel/session')).status).toBe(200);
      }
      t.clock.advance(12 * 3600_000 + 1000);
      expect((await admin.call('GET', '/v1/orders')).body).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('keeps documents to their merchant and refuses files too large or of other types', async () => {
      const a = await activeAdmin();
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]);
      const upload = (s: PanelSession, body: Uint8Array, type = 'application/pdf', csrf = true) =>
        s.call('POST', '/v1/panel/documents?name=contrato%20social.pdf', {
          raw: body,
          headers: { 'content-type': type },
          csrf,
        });
      const created = await upload(a, pdf);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(/^doc_/),
        name: 'contrato social.pdf',
        size: pdf.length,
      });
      const id = created.body.id as string;

      const list = await a.call<{ data: Array<{ id: string }> }>('GET', '/v1/panel/documents');
      expect(list.body.data.map((d) => d.id)).toEqual([id]);
      const file = await fetch(`${t.url}/v1/panel/documents/${id}`, { headers: { cookie: a.cookie } });
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
      expect((await a.call('GET', '/v1/panel/session')).body).toMatchObject({ onboarding: { documents: 1 } });

      const b = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      expect((await b.call('GET', `/v1/panel/documents/${id}`)).body).toMatchObject({ status: 404, code: 'not_found' });
      expect((await b.call<{ data: unknown[] }>('GET', '/v1/panel/documents')).body.data).toEqual([]);

      const big = await upload(a, Buffer.alloc(5 * 1024 * 1024 + 1));
      expect(big.body).toMatchObject({ status: 413, code: 'payload_too_large' });
      expect((await upload(a, pdf, 'text/html')).body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      expect((await upload(a, pdf, 'application/pdf', false)).body).toMatchObject({ code: 'csrf_failed' });
    });
  });
}
