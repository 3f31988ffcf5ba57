import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
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
