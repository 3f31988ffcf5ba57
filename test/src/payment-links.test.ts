import type { PaymentLink, PayPage, PayPageOrder, Problem } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { WsClient } from './support/ws.js';

const smtp: TestSmtpServer = await startSmtpServer({ refuse: (address) => address.startsWith('recusado@') });
afterAll(() => smtp.close());

/** Waits until the SMTP server holds a message for each address, and answers them in that order. */
async function mailsTo(addresses: string[], timeoutMs = 30_000): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const byRecipient = new Map(smtp.received.flatMap((m) => m.rcptTo.map((a) => [a, m] as const)));
    const found = addresses.map((a) => byRecipient.get(a));
    if (found.every(Boolean)) return found as ReceivedMail[];
    if (Date.now() > deadline) throw new Error(`no mail for ${found.filter((m) => !m).length} of ${addresses.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The machine is shared: workers tick every 100 ms, but a busy box may take seconds. */
const POLL = { timeout: 15_000, interval: 100 };

const tokenOf = (link: PaymentLink) => link.url.split('/pay/')[1] as string;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`payment links on ${backend.name}`, () => {
    let t!: TestGateway;
    // Pooled, as an operator sending in bulk would set SMTP_URL.
    suiteGateway(
      backend,
      { smtpUrl: `${smtp.url}/?pool=true&maxConnections=8`, mailFrom: 'Padaria <contato@padaria.example>' },
      (suite) => {
        ({ t } = suite);
      },
    );
    let app: string;
    const tag = `${backend.name}${Date.now().toString(36)}`;
    const storeId = 'sto_DEMO0000000000000000000000';

    beforeAll(async () => {
      app = await t.api.appToken();
      const settings = await t.api.call('PATCH', `/v1/stores/${storeId}`, {
        token: app,
        body: { manager_email: `gerente-${tag}@padaria.example` },
      });
      expect(settings.body).toMatchObject({
        manager_email: `gerente-${tag}@padaria.example`,
        order_ref_required: false,
      });
    });

    const create = (body: Record<string, unknown>) =>
      t.api.call<{ data: PaymentLink[] }>('POST', '/v1/payment-links', {
        token: app,
        body: { store_id: storeId, amount: 4590, ...body },
      });
    const payPage = (link: PaymentLink) => t.api.call<PayPage>('GET', `/v1/pay/${tokenOf(link)}`);
    const openOrder = (link: PaymentLink, wallet = 'picpay') =>
      t.api.call<PayPageOrder>('POST', `/v1/pay/${tokenOf(link)}/order`, { body: { wallet } });
    const linkCount = async () => Number((await t.gateway.db.knex('payment_links').count({ n: '*' }).first())?.n ?? 0);

    it('sends one email per recipient with blind copies, references -001 to -003, each link its own', async () => {
      const emails = ['a', 'b', 'c'].map((x) => `${x}-${tag}@cliente.example`);
      const r = await create({
        order_ref: 'Recouvrement',
        emails: emails.join('; '),
        buyer_ref: 'CLI42',
        bcc: { store_manager: true, other: `copia-${tag}@padaria.example` },
        message: 'Obrigado pela preferência.',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.data.map((l) => [l.email, l.order_ref, l.status])).toEqual([
        [emails[0], 'Recouvrement-001', 'sent'],
        [emails[1], 'Recouvrement-002', 'sent'],
        [emails[2], 'Recouvrement-003', 'sent'],
      ]);
      expect(new Set(r.body.data.map((l) => l.url)).size).toBe(3);
      const days7 = Date.parse(r.body.data[0]?.created_at ?? '') + 7 * 86_400_000;
      expect(Date.parse(r.body.data[0]?.expires_at ?? '')).toBe(days7);

      const mails = await mailsTo(emails);
      mails.forEach((mail, i) => {
        const link = r.body.data[i] as PaymentLink;
        expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe(emails[i]);
        expect([...mail.rcptTo].sort()).toEqual(
          [emails[i], `gerente-${tag}@padaria.example`, `copia-${tag}@padaria.example`].sort(),
        );
        // A blind copy is in the envelope only.
        expect(mail.headers.has('bcc')).toBe(false);
        expect(mail.subject).toBe('[TESTE] Pedido de pagamento de Padaria Demonstração — Centro: R$ 45,90');
        expect(mail.text).toContain(link.url);
        expect(mail.text).toContain('R$ 45,90');
        expect(mail.text).toContain(`Recouvrement-00${i + 1}`);
        expect(mail.text).toContain('Obrigado pela preferência.');
        expect(mail.text).toContain('AMBIENTE DE TESTE');
      });
      // The token is stored only hashed.
      const stored = await t.gateway.db.knex('payment_links').where({ id: r.body.data[0]?.id }).first();
      expect(JSON.stringify(stored)).not.toContain(tokenOf(r.body.data[0] as PaymentLink));
      const listed = await t.api.call<{ data: PaymentLink[] }>(
        'GET',
        '/v1/payment-links?order_ref=Recouvrement&limit=2',
        { token: app },
      );
      expect(listed.body.data.map((l) => l.order_ref)).toEqual(['Recouvrement-003', 'Recouvrement-002']);
      await expect
        .poll(
          async () =>
            (await t.api.call<PaymentLink>('GET', `/v1/payment-links/${r.body.data[0]?.id}`, { token: app })).body
              .mail_status,
          POLL,
        )
        .toBe('sent');
    });

    it('refuses a request with any bad part, naming the field, and creates nothing', async () => {
      const before = await linkCount();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ order_ref: 'R1', emails: 'a@x.example; b@x.example; nao-e-email' }, 'emails.2'],
        [{ order_ref: 'R1', emails: ['a@x.example', 'b@@x'] }, 'emails.1'],
        [{ order_ref: 'R1', emails: ' ; ' }, 'emails'],
        [{ order_ref: 'R1', emails: 'a@x.example', amount: 0 }, 'amount'],
        [{ order_ref: 'R1', emails: 'a@x.example', store_id: 'sto_NOPE0000000000000000000001' }, 'store_id'],
        [{ order_ref: 'x'.repeat(65), emails: 'a@x.example' }, 'order_ref'],
        [{ order_ref: 'com-hifen', emails: 'a@x.example' }, 'order_ref'],
        [{ order_ref: 'R1', emails: 'a@x.example', expires_in: 60 }, 'expires_in'],
        [{ order_ref: 'R1', emails: 'a@x.example', bcc: { me: true } }, 'bcc.me'],
      ];
      for (const [body, field] of cases) {
        const r = await create(body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect((r.body as unknown as Problem).errors?.map((e) => e.field)).toContain(field);
      }
      // A store may require the reference.
      const patch = (order_ref_required: boolean) =>
        t.api.call('PATCH', `/v1/stores/${storeId}`, { token: app, body: { order_ref_required } });
      await patch(true);
      const noRef = await create({ emails: 'a@x.example' });
      await patch(false);
      expect((noRef.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['order_ref']);
      expect(await linkCount()).toBe(before);
    });

    it('a link pays through its own order; paid, it closes and keeps its receipt', async () => {
      const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(app)}`);
      await ws.subscribe('merchant');
      const r = await create({ order_ref: 'Pago', emails: [`d-${tag}@cliente.example`, `e-${tag}@cliente.example`] });
      const [link, other] = r.body.data as [PaymentLink, PaymentLink];

      const page = await payPage(link);
      expect(page.body).toMatchObject({ status: 'opened', amount: 4590, order_ref: 'Pago-001', order: null });
      expect(page.body.wallets).toContain('picpay');
      const order = await openOrder(link);
      expect(order.status, JSON.stringify(order.body)).toBe(200);
      expect(order.body.status).toBe('pending');
      // Reopening answers the same pending order.
      expect((await openOrder(link)).body.id).toBe(order.body.id);
      const stored = await t.api.call<{ till_id: string; amount: number }>('GET', `/v1/orders/${order.body.id}`, {
        token: app,
      });
      expect(stored.body.amount).toBe(4590);
      const till = await t.gateway.db.knex('tills').where({ id: stored.body.till_id }).first();
      expect(till).toMatchObject({ store_id: storeId, category: 'ecommerce' });

      expect((await t.api.pay(app, order.body.id)).status).toBe(200);
      const paid = await t.api.call<PaymentLink>('GET', `/v1/payment-links/${link.id}`, { token: app });
      expect(paid.body).toMatchObject({ status: 'paid', order_id: order.body.id });
      expect(paid.body.paid_at).not.toBeNull();
      const receipt = await payPage(link);
      expect(receipt.body.status).toBe('paid');
      expect(receipt.body.order).toMatchObject({ id: order.body.id, status: 'approved' });
      expect(receipt.body.order?.provider_payment_id).toBeTruthy();
      const again = await openOrder(link);
      expect(again.status).toBe(410);
      expect((again.body as unknown as Problem).code).toBe('payment_link_closed');
      // The other recipient's link is untouched and pays on its own.
      expect((await t.api.call<PaymentLink>('GET', `/v1/payment-links/${other.id}`, { token: app })).body.status).toBe(
        'sent',
      );

      await ws.waitFor((m) => m.op === 'event' && m.event.type === 'payment_link.paid');
      const linkEvents = ws.liveEvents('merchant').filter((e) => e.type.startsWith('payment_link.'));
      expect(linkEvents.map((e) => e.type)).toEqual(['payment_link.opened', 'payment_link.paid']);
      expect(JSON.stringify(linkEvents)).not.toContain(tokenOf(link));
      ws.close();
    });

    it('a cancelled link cancels its pending order and refuses new ones', async () => {
      const r = await create({ order_ref: 'Cancelado', emails: `f-${tag}@cliente.example` });
      const link = r.body.data[0] as PaymentLink;
      const order = await openOrder(link);
      const cancelled = await t.api.call<PaymentLink>('POST', `/v1/payment-links/${link.id}/cancel`, { token: app });
      expect(cancelled.body.status).toBe('cancelled');
      expect((await t.api.order(app, order.body.id)).status).toBe('cancelled');
      const refused = await openOrder(link);
      expect(refused.status).toBe(410);
      expect((refused.body as unknown as Problem).code).toBe('payment_link_closed');
      expect((await payPage(link)).body.status).toBe('cancelled');
      expect((await t.api.call('POST', `/v1/payment-links/${link.id}/cancel`, { token: app })).status).toBe(410);
    });

    it('an expired link is closed by the worker and refuses orders', async () => {
      const r = await create({ order_ref: 'Expira', emails: `g-${tag}@cliente.example`, expires_in: 3600 });
      const link = r.body.data[0] as PaymentLink;
      t.clock.advance(3601_000);
      // The app's token lived 15 minutes of that hour.
      app = await t.api.appToken();
      await expect
        .poll(
          async () =>
            (await t.api.call<PaymentLink>('GET', `/v1/payment-links/${link.id}`, { token: app })).body.status,
          POLL,
        )
        .toBe('expired');
      expect((await openOrder(link)).status).toBe(410);
    });

    it('concurrent opens make one pending order', async () => {
      const r = await create({ order_ref: 'Corrida', emails: `h-${tag}@cliente.example` });
      const link = r.body.data[0] as PaymentLink;
      const answers = await Promise.all(Array.from({ length: 6 }, () => openOrder(link)));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      const pending = await t.gateway.db
        .knex('orders')
        .where({ order_ref: link.id, status: 'pending' })
        .count({ n: '*' })
        .first();
      expect(Number(pending?.n)).toBe(1);
    });

    it('a refused recipient fails its link; a resend queues it again', async () => {
      const r = await create({ order_ref: 'Recusa', emails: `recusado@${tag}.example` });
      const link = r.body.data[0] as PaymentLink;
      await expect
        .poll(
          async () =>
            (await t.api.call<PaymentLink>('GET', `/v1/payment-links/${link.id}`, { token: app })).body.status,
          POLL,
        )
        .toBe('failed');
      const resent = await t.api.call<PaymentLink>('POST', `/v1/payment-links/${link.id}/resend`, { token: app });
      expect(resent.body).toMatchObject({ status: 'sent', mail_status: 'queued' });
    });
  });
}
