import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';

/** A real SMTP server on loopback that keeps every message it accepts, parsed. */
function startSmtpServer(): Promise<{
  url: string;
  received: ParsedMail[];
  next(): Promise<ParsedMail>;
  close(): Promise<void>;
}> {
  const received: ParsedMail[] = [];
  const waiters: Array<(m: ParsedMail) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        waiters.shift()?.(mail);
        done();
      }, done);
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        received,
        next: () => new Promise((r) => waiters.push(r)),
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

let smtp!: Awaited<ReturnType<typeof startSmtpServer>>;
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
