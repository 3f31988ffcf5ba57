import { DEMO_MERCHANT_ID } from '@tillgate/gateway';
import type { ReportSubscription } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
import { openStore } from './support/management.js';
import { demoPlace, seedSales } from './support/sales-seed.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

/**
 * Report subscriptions sent through a real SMTP server on loopback, read back as a recipient would. The
 * workers never tick on their own here: the test moves the clock and runs the scheduler.
 */
let smtp!: TestSmtpServer;
let t!: TestGateway;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startPgliteGateway({ smtpUrl: smtp.url, workerIntervalMs: 3_600_000 });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const runScheduler = () => t.gateway.deps.subscriptionScheduler.runDue();
const at = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
/** As the merchant's app, with a fresh token: the test's clock outruns any token's lifetime. */
const asApp = async (method: string, path: string, body?: unknown) =>
  t.api.call<ReportSubscription>(method, path, { token: await t.api.appToken(), body });
const subscription = async (id: string) => (await asApp('GET', `/v1/report-subscriptions/${id}`)).body;
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim();
const linkIn = (mail: ParsedMail, purpose: string) =>
  new RegExp(`http://\\S+/v1/report-subscriptions/${purpose}\\?token=\\S+`).exec(mail.text ?? '')?.[0] ?? '';
const post = (url: string, body = '') =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

it('mails an outsider the weekly sales file only once confirmed, a colleague only their store, and one-click unsubscribe stops it', async () => {
  const created = await asApp('POST', '/v1/report-subscriptions', {
    email: 'contadora@escritorio.example',
    report: 'sales',
    format: 'xlsx',
    frequency: 'weekly',
  });
  expect(created.status).toBe(201);
  const confirmation = await smtp.next();
  expect(confirmation.to).toMatchObject({ value: [{ address: 'contadora@escritorio.example' }] });
  expect(confirmation.subject).toContain('Confirme');
  expect(header(confirmation, 'list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/v1\/report-subscriptions\//);

  // Monday 06:00 in São Paulo comes and goes: nothing is sent before the recipient confirms.
  at('2026-06-08T10:00:00Z');
  expect(await runScheduler()).toBe(0);
  expect(smtp.received).toHaveLength(1);
  expect((await post(linkIn(confirmation, 'confirm'))).status).toBe(200);
  expect(await subscription(created.body.id)).toMatchObject({
    status: 'active',
    next_send_at: '2026-06-15T09:00:00.000Z',
  });

  // The week 2026-06-08..14 in São Paulo: 12 sales, one at 23:00 on Sunday; 00:30 on Monday is the next week's.
  const place = await demoPlace(t.gateway.db.knex, DEMO_MERCHANT_ID, t.demo.tills[0]?.id ?? '');
  await seedSales(t.gateway.db.knex, place, {
    count: 11,
    first: new Date('2026-06-08T12:00:00Z'),
    stepMs: 3 * 3_600_000,
    tag: 'SW',
  });
  await seedSales(t.gateway.db.knex, place, {
    count: 1,
    first: new Date('2026-06-15T02:00:00Z'),
    stepMs: 1,
    tag: 'SL',
  });
  await seedSales(t.gateway.db.knex, place, {
    count: 1,
    first: new Date('2026-06-15T03:30:00Z'),
    stepMs: 1,
    tag: 'SN',
  });

  // A colleague gets the same week of another store, which sold nothing: its file holds none of these rows.
  const beach = await openStore(t.api, await t.api.appToken(), 'Loja Praia');
  const manager = t.demo.panel_users.find((u) => u.role === 'manager')?.email ?? '';
  const scoped = await asApp('POST', '/v1/report-subscriptions', {
    email: manager,
    report: 'sales',
    format: 'csv',
    frequency: 'weekly',
    store_id: beach.storeId,
  });
  expect(scoped.body.status).toBe('active');

  at('2026-06-15T08:59:59Z');
  expect(await runScheduler()).toBe(0);
  at('2026-06-15T09:00:00Z');
  expect(await runScheduler()).toBe(2);
  const arrived = [await smtp.next(), await smtp.next()];
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
  const mail = arrived.find((m) => to(m) === 'contadora@escritorio.example') as ParsedMail;
  const beachMail = arrived.find((m) => to(m) === manager);
  expect(beachMail?.attachments[0]?.filename).toBe('vendas-loja-praia-2026-06-08-2026-06-14.csv');
  const beachRows = beachMail?.attachments[0]?.content.toString('utf8').trim().split('\r\n') ?? [];
  expect(beachRows).toHaveLength(2);
  expect(beachRows[1]).toMatch(/^Total,0\.00/);
  expect(mail.subject).toBe('Arquivo de vendas de 2026-06-08 a 2026-06-14 — Padaria Demonstração');
  expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  const unsubscribe = /^<(.+)>$/.exec(header(mail, 'list-unsubscribe') ?? '')?.[1] ?? '';
  expect(unsubscribe).toContain('/v1/report-subscriptions/unsubscribe?token=');
  expect(mail.text).toContain(unsubscribe);

  const [file] = mail.attachments;
  expect(file?.filename).toBe('vendas-todas-2026-06-08-2026-06-14.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file?.content as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  // The sales file's own columns (asserted in full by reports.test.ts): the order id under "Código UUID".
  expect([1, 2, 7].map((c) => sheet.getRow(1).getCell(c).value)).toEqual(['Data', 'Valor', 'Código UUID']);
  expect(sheet.rowCount).toBe(1 + 12 + 1);
  expect(sheet.getRow(13).getCell(7).value).toMatch(/^ord_SL/);
  expect(sheet.getRow(14).getCell(1).value).toBe('Total');
  expect(sheet.getRow(14).font?.bold).toBe(true);
  expect(await subscription(created.body.id)).toMatchObject({
    last_sent_at: '2026-06-15T09:00:00.000Z',
    next_send_at: '2026-06-22T09:00:00.000Z',
    last_error: null,
  });
  // The period went out; running again (another tick, another instance) sends nothing more.
  expect(await runScheduler()).toBe(0);

  // The mail client's one-click unsubscribe (RFC 8058): nothing is sent on the next Monday.
  expect((await post(unsubscribe, 'List-Unsubscribe=One-Click')).status).toBe(200);
  expect((await subscription(created.body.id)).status).toBe('unsubscribed');
  at('2026-06-22T10:00:00Z');
  expect(await runScheduler()).toBe(1);
  expect(to(await smtp.next())).toBe(manager);
  expect(smtp.received).toHaveLength(4);
  await asApp('DELETE', `/v1/report-subscriptions/${scoped.body.id}`);
});

it('retries a sending the SMTP server refused, with backoff shown on the subscription, then sends it', async () => {
  const manager = t.demo.panel_users.find((u) => u.role === 'manager')?.email ?? '';
  at('2026-06-22T12:00:00Z');
  const created = await asApp('POST', '/v1/report-subscriptions', {
    email: manager,
    report: 'daily',
    format: 'csv',
    frequency: 'daily',
  });
  // A team member: active at once, no confirmation.
  expect(created.body).toMatchObject({ status: 'active', next_send_at: '2026-06-23T09:00:00.000Z' });

  smtp.refuse(2);
  at('2026-06-23T09:00:00Z');
  expect(await runScheduler()).toBe(0);
  expect(await subscription(created.body.id)).toMatchObject({
    last_error: expect.stringMatching(/^SMTP 451/),
    next_attempt_at: '2026-06-23T09:01:00.000Z',
    last_sent_at: null,
  });
  expect(await runScheduler()).toBe(0);
  t.clock.advance(60_000);
  expect(await runScheduler()).toBe(0);
  expect((await subscription(created.body.id)).next_attempt_at).toBe('2026-06-23T09:03:00.000Z');
  t.clock.advance(120_000);
  expect(await runScheduler()).toBe(1);
  const mail = await smtp.next();
  expect(mail.to).toMatchObject({ value: [{ address: manager }] });
  expect(mail.attachments[0]?.filename).toBe('diario-todas-as-lojas-2026-06-22-2026-06-22.csv');
  expect(mail.attachments[0]?.content.toString('utf8')).toContain('2026-06-22');
  expect(await subscription(created.body.id)).toMatchObject({
    last_error: null,
    next_attempt_at: null,
    last_sent_at: '2026-06-23T09:03:00.000Z',
    next_send_at: '2026-06-24T09:00:00.000Z',
  });
});
