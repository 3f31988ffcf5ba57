import { PIX_PROFILE_IDS } from '@tillgate/gateway';
import { parseBRCode } from '@tillgate/sdk/pix';
import type { Order, Refund } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import {
  type PixUnderTest,
  PSP_TIMEOUT_MS,
  pixProvider,
  startConformanceGateway,
  txidOf,
} from './support/providers.js';

/** The conformance cases that read the Pix emulator's own ledger; the generic ones are in adapter-conformance.test.ts. */
for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`pix-bcb against the Pix emulator's ledger on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let token: string;

    beforeAll(async () => {
      storage = await backend.create();
      ({ t, token } = await startConformanceGateway(storage));
    });
    afterAll(async () => {
      await t?.close();
      await storage?.drop();
    });

    const create = async (): Promise<Order> => {
      const r = await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 1990 });
      expect(r.status).toBe(201);
      return r.body;
    };
    const order = (o: Order) => t.api.order(token, o.id);
    const refund = (o: Order, amount?: number) =>
      t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, { token, body: amount === undefined ? {} : { amount } });

    it('the sandbox hands out a dynamic BR Code pointing at this gateway', async () => {
      const o = await create();
      const code = parseBRCode(o.qr_code_text);
      expect(code.kind === 'dynamic' && `http://${code.location}`.startsWith(t.gateway.url)).toBe(true);
    });

    for (const profile of PIX_PROFILE_IDS) {
      describe(`${profile} profile`, () => {
        let p: PixUnderTest;
        beforeAll(async () => {
          p = await pixProvider(t, profile);
        });
        afterAll(() => p?.close());

        const cob = (o: Order) => p.emulator.ledger.getCob(txidOf(o));
        const paid = async () => {
          const o = await create();
          await p.pay(o);
          expect((await order(o)).status).toBe('approved');
          return o;
        };

        it('create: a dynamic BR Code whose location is the PSP, for the amount in reais', async () => {
          const o = await create();
          const code = parseBRCode(o.qr_code_text);
          expect(code.kind === 'dynamic' && `http://${code.location}`.startsWith(p.emulator.url)).toBe(true);
          expect(cob(o).valor.original).toBe('19.90');
        });

        it('read: the reconciler reads the cob back from the PSP', async () => {
          const o = await create();
          const record = await t.gateway.deps.orders.find(o.id);
          if (!record) throw new Error('order not stored');
          await t.gateway.deps.reconciler.reconcile(record);
          expect(p.emulator.received.some((r) => r.method === 'GET' && r.path.endsWith(txidOf(o)))).toBe(true);
        });

        it("pay: the payment's id is the Pix end-to-end id", async () => {
          const approved = await order(await paid());
          expect(approved.payment?.provider_payment_id).toMatch(/^[A-Za-z0-9]{32}$/);
        });

        it('refunds are devoluções of the Pix: one full, or two partial', async () => {
          const full = await paid();
          expect((await refund(full)).status).toBe(201);
          await expect
            .poll(() => cob(full).pix?.[0]?.devolucoes.map((d) => [d.valor, d.status]))
            .toEqual([['19.90', 'DEVOLVIDO']]);
          const parts = await paid();
          expect((await refund(parts, 500)).status).toBe(201);
          expect((await refund(parts, 490)).status).toBe(201);
          expect(cob(parts).pix?.[0]?.devolucoes).toHaveLength(2);
        });

        it('one OAuth2 token serves every call until 80 % of its life, then a fresh one', async () => {
          await create();
          const issued = p.emulator.tokensIssued;
          await create();
          expect(p.emulator.tokensIssued).toBe(issued);
          t.clock.advance(2_881_000);
          token = await t.api.tillToken(0);
          await create();
          expect(p.emulator.tokensIssued).toBe(issued + 1);
        });

        it('a repeated webhook is delivered twice and applied once', async () => {
          p.emulator.setWebhookMode('twice');
          const o = await paid().finally(() => p.emulator.setWebhookMode('once'));
          expect(p.emulator.deliveries.filter((d) => d.body.pix[0]?.txid === txidOf(o))).toHaveLength(2);
          expect((await order(o)).payment?.paid_amount).toBe(1990);
        });

        it('a PSP slow past the timeout is left with no live charge: the adapter removes the one it made late', async () => {
          const active = p.emulator.ledger.cobsByStatus('ATIVA').length;
          p.emulator.fail({ delayMs: PSP_TIMEOUT_MS + 200, times: 2, match: '^PUT .*/cob/' });
          const slow = await t.api.createOrder(token, { order_ref: ref('SLOW'), wallet: 'pix', amount: 1990 });
          expect(slow.status).toBe(502);
          await expect
            .poll(() => p.emulator.ledger.cobsByStatus('REMOVIDA_PELO_USUARIO_RECEBEDOR').length)
            .toBeGreaterThan(0);
          await expect.poll(() => p.emulator.ledger.cobsByStatus('ATIVA').length).toBe(active);
        });
      });
    }
  });
}
