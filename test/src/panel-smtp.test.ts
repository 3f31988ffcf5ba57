import type { SessionView } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensurePanelBuilt, launchChromium, noBrowser } from './support/browser.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
import { PanelSession } from './support/panel.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

let smtp!: TestSmtpServer;
let t!: TestGateway;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startPgliteGateway({ smtpUrl: smtp.url, mailFrom: 'Padaria <contato@padaria.example>' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

it('sends the activation email through SMTP when SMTP_URL is set, and has no outbox then', async () => {
  const arrived = smtp.next();
  const signUp = await t.api.call('POST', '/v1/panel/signup', {
    body: {
      merchant_name: 'Padaria do Bairro',
      cnpj: '11222333000181',
      email: 'dona@padaria.example',
      password: 'senha-muito-segura',
    },
  });
  expect(signUp.status).toBe(201);
  const mail = await arrived;
  expect(mail.subject).toBe('Ative sua conta Tillgate');
  expect(mail.from?.value[0]).toMatchObject({ address: 'contato@padaria.example', name: 'Padaria' });
  expect(mail.text).toContain('Padaria do Bairro');
  const link = /http:\/\/\S+#\/activate\?token=(\S+)/.exec(mail.text ?? '');
  expect(link?.[0].startsWith(t.url)).toBe(true);

  const activated = await t.api.call('POST', '/v1/panel/activate', {
    body: { token: decodeURIComponent(link?.[1] ?? '') },
  });
  expect(activated.body).toEqual({ activated: true });
  expect((await t.api.call('GET', '/v1/panel/outbox')).status).toBe(404);
});

/** The invitation link of a message, and the token in it. */
const invitationLink = (text: string | undefined) => {
  const link = /http:\/\/\S+#\/invite\?token=(\S+)/.exec(text ?? '');
  if (!link) throw new Error(`no invitation link in ${text}`);
  return { url: link[0], token: decodeURIComponent(link[1] ?? '') };
};

it('sends a new invitation when a pending invitation changes role, and gives the role as it is at acceptance', async () => {
  const admin = await PanelSession.logIn(t.api, 'dona@padaria.example', 'senha-muito-segura');
  const first = smtp.next();
  const invited = await admin.call<{ id: string }>('POST', '/v1/users', {
    body: { email: 'caixa@padaria.example', role: 'clerk' },
  });
  expect(invited.status).toBe(201);
  const asClerk = await first;
  expect(asClerk.text).toContain('Padaria do Bairro no Tillgate como operador de caixa');
  const oldLink = invitationLink(asClerk.text);

  const second = smtp.next();
  const promoted = await admin.call('PATCH', `/v1/users/${invited.body.id}`, { body: { role: 'manager' } });
  expect(promoted.body).toMatchObject({ role: 'manager', status: 'invited' });
  const asManager = await second;
  expect(asManager.rcptTo).toEqual(['caixa@padaria.example']);
  expect(asManager.text).toContain('Padaria do Bairro no Tillgate como gerente');
  const newLink = invitationLink(asManager.text);
  expect(newLink.token).not.toBe(oldLink.token);
  // A change that leaves the role alone sends nothing.
  await admin.call('PATCH', `/v1/users/${invited.body.id}`, { body: { role: 'manager' } });

  // Either link reads, and gives, the role as it is now.
  const read = await t.api.call('POST', '/v1/panel/invitations/lookup', { body: { token: oldLink.token } });
  expect(read.body).toEqual({ merchant_name: 'Padaria do Bairro', email: 'caixa@padaria.example', role: 'manager' });
  const accepted = await t.api.call<SessionView>('POST', '/v1/panel/invitations/accept', {
    body: { token: oldLink.token, name: 'Caixa', password: 'senha-muito-segura' },
  });
  expect(accepted.body.user.role).toBe('manager');
  expect(smtp.received.map((m) => m.subject).filter((s) => s?.startsWith('Convite'))).toHaveLength(2);
  const used = await t.api.call('POST', '/v1/panel/invitations/lookup', { body: { token: newLink.token } });
  expect(used.body).toMatchObject({ status: 400, code: 'invalid_link' });
});

it.skipIf(noBrowser)('names the company and the role on the invitation page, in pt-BR', async () => {
  ensurePanelBuilt();
  const admin = await PanelSession.logIn(t.api, 'dona@padaria.example', 'senha-muito-segura');
  const mail = smtp.next();
  await admin.call('POST', '/v1/users', { body: { email: 'gerente@padaria.example', role: 'clerk' } });
  const { url } = invitationLink((await mail).text);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url);
    const intro = page.locator('[data-testid=invite-intro]');
    await intro.waitFor();
    expect(await intro.textContent()).toContain(
      'Você foi convidado para a equipe de Padaria do Bairro como operador de caixa.',
    );
    expect(await intro.textContent()).toContain('gerente@padaria.example');
  } finally {
    await browser.close();
  }
});
