import { PIX_PROFILE_IDS } from '@tillgate/gateway';
import { parseBRCode } from '@tillgate/sdk/pix';
import type { Order, Refund } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import {
  type ProviderUnderTest,
  PSP_TIMEOUT_MS,
  pixProvider,
  sandboxProvider,
  startConformanceGateway,
  txidOf,
} from './support/providers.js';

const PROVIDERS = ['sandbox', ...PIX_PROFILE_IDS] as const;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`adapter conformance on ${backend.name}`, () => {
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

    for (const which of PROVIDERS) {
      describe(which === 'sandbox' ? 'sandbox' : `pix-bcb, ${which} profile, against the Pix emulator`, () => {
        let p: ProviderUnderTest;
        const stateful = which !== 'sandbox';
        const stateless = 'the sandbox is stateless and in-process (no charges, notifications or outages)';

        beforeAll(async () => {
          p = which === 'sandbox' ? sandboxProvider(t, token) : await pixProvider(t, which);
        });
        afterAll(() => p?.close());

        const create = async (body: Record<string, unknown> = {}): Promise<Order> => {
          const r = await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 1990, ...body });
          expect(r.status).toBe(201);
          return r.body;
        };
        const order = (o: Order) => t.api.order(token, o.id);
        const refund = (o: Order, amount?: number) =>
          t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, {
            token,
            body: amount === undefined ? {} : { amount },
          });
        const cobStatus = (o: Order) => p.emulator?.ledger.getCob(txidOf(o)).status;
        const paid = async () => {
          const o = await create();
          await p.pay(o);
          expect((await order(o)).status).toBe('approved');
          return o;
        };

        it('create: a pending order with a valid dynamic BR Code', async () => {
          const o = await create();
          const code = parseBRCode(o.qr_code_text);
          expect(code.kind).toBe('dynamic');
          if (stateful && code.kind === 'dynamic') {
            expect(`http://${code.location}`.startsWith(p.emulator?.url ?? '-')).toBe(true);
            expect(p.emulator?.ledger.getCob(txidOf(o)).valor.original).toBe('19.90');
          }
        });

        it('read: the charge is read back from the provider as still pending', async () => {
          const o = await create();
          const record = await t.gateway.deps.orders.find(o.id);
          if (!record) throw new Error('order not stored');
          await t.gateway.deps.reconciler.reconcile(record);
          expect((await order(o)).status).toBe('pending');
          if (stateful)
            expect(p.emulator?.received.some((r) => r.method === 'GET' && r.path.endsWith(txidOf(o)))).toBe(true);
        });

        it('pay: the payment approves the order', async () => {
          const o = await paid();
          const approved = await order(o);
          expect(approved.payment?.paid_amount).toBe(1990);
          expect(approved.payment?.provider_payment_id).toMatch(/^[A-Za-z0-9]{32}$/);
        });

        it('expire: an unpaid order expires and its charge is removed at the provider', async () => {
          const o = await create({ expires_in: 60 });
          t.clock.advance(61_000);
          await expect.poll(async () => (await order(o)).status).toBe('expired');
          if (stateful) await expect.poll(() => cobStatus(o)).toBe('REMOVIDA_PELO_USUARIO_RECEBEDOR');
        });

        it('cancel: a cancelled order has its charge removed at the provider', async () => {
          const o = await create();
          const r = await t.api.call<Order>('POST', `/v1/orders/${o.id}/cancel`, { token });
          expect(r.body.status).toBe('cancelled');
          if (stateful) await expect.poll(() => cobStatus(o)).toBe('REMOVIDA_PELO_USUARIO_RECEBEDOR');
        });

        it('full refund: the whole payment comes back once', async () => {
          const o = await paid();
          expect((await refund(o)).status).toBe(201);
          await expect.poll(async () => (await order(o)).status).toBe('refunded');
          if (stateful) {
            const pix = p.emulator?.ledger.getCob(txidOf(o)).pix?.[0];
            expect(pix?.devolucoes.map((d) => [d.valor, d.status])).toEqual([['19.90', 'DEVOLVIDO']]);
          }
        });

        it('two partial refunds, then an over-refund refused', async () => {
          const o = await paid();
          expect((await refund(o, 500)).status).toBe(201);
          expect((await refund(o, 490)).status).toBe(201);
          await expect.poll(async () => (await order(o)).refunded_amount).toBe(990);
          expect((await order(o)).status).toBe('partially_refunded');
          const over = await refund(o, 1001);
          expect([over.status, (over.body as unknown as { code: string }).code]).toEqual([
            409,
            'refund_exceeds_available',
          ]);
          if (stateful) expect(p.emulator?.ledger.getCob(txidOf(o)).pix?.[0]?.devolucoes).toHaveLength(2);
        });

        it.skipIf(!stateful)(
          `one OAuth2 token serves every call until 80 % of its life, then a fresh one${stateful ? '' : ` (skipped: ${stateless})`}`,
          async () => {
            const emulator = p.emulator as NonNullable<typeof p.emulator>;
            await create();
            const issued = emulator.tokensIssued;
            await create();
            expect(emulator.tokensIssued).toBe(issued);
            t.clock.advance(2_881_000);
            token = await t.api.tillToken(0);
            await create();
            expect(emulator.tokensIssued).toBe(issued + 1);
          },
        );

        it.skipIf(!stateful)(
          `duplicate notification is applied once${stateful ? '' : ` (skipped: ${stateless})`}`,
          async () => {
            p.emulator?.setWebhookMode('twice');
            const o = await paid();
            p.emulator?.setWebhookMode('once');
            const events = (await t.api.events(token)).filter((e) => 'order' in e.data && e.data.order.id === o.id);
            expect(events.map((e) => e.type)).toEqual(['order.created', 'order.approved']);
            expect(p.emulator?.deliveries.filter((d) => d.body.pix[0]?.txid === txidOf(o))).toHaveLength(2);
          },
        );

        it.skipIf(!stateful)(
          `provider down then up: create fails cleanly, then works${stateful ? '' : ` (skipped: ${stateless})`}`,
          async () => {
            const orderRef = ref('DOWN');
            p.emulator?.fail({ status: 503 });
            const down = await t.api.createOrder(token, { order_ref: orderRef, wallet: 'pix', amount: 1990 });
            p.emulator?.heal();
            expect([down.status, (down.body as unknown as { code: string }).code]).toEqual([
              502,
              'provider_unavailable',
            ]);
            const left = await t.api.call<{ data: Order[] }>('GET', `/v1/orders?q=${orderRef}`, { token });
            expect(left.body.data).toEqual([]);
            expect((await t.api.createOrder(token, { order_ref: orderRef, wallet: 'pix', amount: 1990 })).status).toBe(
              201,
            );
          },
        );

        it.skipIf(!stateful)(
          `provider slow past the timeout: create fails within the deadlines and leaves no live charge${stateful ? '' : ` (skipped: ${stateless})`}`,
          async () => {
            const emulator = p.emulator as NonNullable<typeof p.emulator>;
            const active = emulator.ledger.cobsByStatus('ATIVA').length;
            emulator.fail({ delayMs: PSP_TIMEOUT_MS + 200, times: 2, match: '^PUT .*/cob/' });
            const started = performance.now();
            const slow = await t.api.createOrder(token, { order_ref: ref('SLOW'), wallet: 'pix', amount: 1990 });
            expect(slow.status).toBe(502);
            expect(performance.now() - started).toBeLessThan(4 * PSP_TIMEOUT_MS);
            // The PSP created the charge after we gave up; the adapter removes it.
            await expect
              .poll(() => emulator.ledger.cobsByStatus('REMOVIDA_PELO_USUARIO_RECEBEDOR').length)
              .toBeGreaterThan(0);
            await expect.poll(() => emulator.ledger.cobsByStatus('ATIVA').length).toBe(active);
          },
        );
      });
    }
  });
}
