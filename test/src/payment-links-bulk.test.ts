import type { PaymentLink } from '@tillgate/sdk/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const smtp: TestSmtpServer = await startSmtpServer();
afterAll(() => smtp.close());

/** Sending is the slow part (each email a real SMTP exchange on a shared box): generous bounds. */
const DRAINED = { timeout: 240_000, interval: 500 };

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`1,000 payment links in one call on ${backend.name}`, () => {
    let t!: TestGateway;
    // Pooled, as an operator sending in bulk would set SMTP_URL.
    suiteGateway(backend, { smtpUrl: `${smtp.url}/?pool=true&maxConnections=8` }, (suite) => {
      ({ t } = suite);
    });

    it('creates them at once, numbered to -1000, and emails each recipient exactly once', async () => {
      const tag = `${backend.name}${Date.now().toString(36)}`;
      const emails = Array.from({ length: 1000 }, (_, i) => `lote${i}-${tag}@cliente.example`);
      const r = await t.api.call<{ data: PaymentLink[] }>('POST', '/v1/payment-links', {
        token: await t.api.appToken(),
        body: { store_id: 'sto_DEMO0000000000000000000000', amount: 1500, order_ref: 'Lote', emails },
      });
      expect(r.status).toBe(201);
      expect(r.body.data).toHaveLength(1000);
      expect(r.body.data.map((l) => l.email)).toEqual(emails);
      expect([r.body.data[0]?.order_ref, r.body.data[998]?.order_ref, r.body.data[999]?.order_ref]).toEqual([
        'Lote-001',
        'Lote-999',
        'Lote-1000',
      ]);
      const sent = async () =>
        Number((await t.gateway.db.knex('payment_links').where({ mail_status: 'sent' }).count({ n: '*' }).first())?.n);
      await expect.poll(sent, DRAINED).toBe(1000);
      const received = smtp.received.flatMap((m) => m.rcptTo).filter((a) => a.endsWith(`-${tag}@cliente.example`));
      expect(received.sort()).toEqual([...emails].sort());
    }, 300_000);
  });
}
