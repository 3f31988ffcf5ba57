import type { Order, Refund } from '@tillgate/sdk/protocol';
import type { PixEmulator } from '@tillgate/simulator/emulators/pix';
import { describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import { type PixUnderTest, suitePixGateway, txidOf } from './support/providers.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`pix-bcb faults against the Pix emulator on ${backend.name}`, () => {
    let t!: TestGateway, token!: string, p!: PixUnderTest, emulator!: PixEmulator;
    suitePixGateway(backend, (suite) => {
      ({ t, token, p, emulator } = suite);
    });

    const create = (amount = 1990) => t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount });
    const order = (o: Order) => t.api.order(token, o.id);
    const code = (r: { body: unknown }) => (r.body as { code?: string }).code;
    const webhook = (secret: string | undefined, body: unknown) =>
      t.api.call('POST', `/v1/providers/pix/${p.linked?.accountId}/webhook/pix`, {
        body,
        headers: secret ? { 'x-webhook-secret': secret } : {},
      });
    const secret = () => new URL(`http://x${p.linked?.webhookPath}`).searchParams.get('secret') ?? '';

    it('refuses to hand out a BR Code with a wrong CRC, and removes that charge at the PSP', async () => {
      emulator.fail({ brokenBRCode: true });
      const r = await create();
      emulator.heal();
      expect([r.status, code(r)]).toEqual([422, 'provider_rejected']);
      expect((r.body as unknown as { detail: string }).detail).toMatch(/BR Code/);
      await expect.poll(() => emulator.ledger.cobsByStatus('REMOVIDA_PELO_USUARIO_RECEBEDOR').length).toBe(1);
    });

    it('answers 502 when the PSP answers garbage, leaving no order behind', async () => {
      emulator.fail({ garbage: true });
      const r = await create(4321);
      emulator.heal();
      expect([r.status, code(r)]).toEqual([502, 'provider_unavailable']);
      const left = await t.api.call<{ data: Order[] }>('GET', '/v1/orders?amount_min=4321&amount_max=4321', { token });
      expect(left.body.data).toEqual([]);
    });

    it('takes a webhook about an unknown txid with 2xx and changes nothing; refuses one without the secret', async () => {
      const before = await t.api.events(token);
      const unknown = { pix: [{ txid: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ', endToEndId: 'E'.padEnd(32, '1'), valor: '1.00' }] };
      expect((await webhook(secret(), unknown)).status).toBe(204);
      expect(await t.api.events(token)).toHaveLength(before.length);
      const forged = await webhook('not-the-secret-at-all', unknown);
      expect([forged.status, code(forged)]).toEqual([401, 'invalid_credentials']);
      expect((await webhook(secret(), { no: 'pix' })).status).toBe(422);
    });

    it('records a wrong amount without approving, and returns it to the payer', async () => {
      const o = (await create()).body;
      await emulator.pay(txidOf(o), { centavos: 1000 });
      const after = await order(o);
      expect(after.status).toBe('pending');
      expect(after.late_payment).toMatchObject({ reason: 'amount_mismatch', paid_amount: 1000 });
      await expect
        .poll(() => emulator.ledger.getCob(txidOf(o)).pix?.[0]?.devolucoes.map((d) => [d.valor, d.status]))
        .toEqual([['10.00', 'DEVOLVIDO']]);
    });

    it('applies a payment whose webhook came late, and one whose webhook never came (the reconciler)', async () => {
      emulator.setWebhookMode('late');
      const late = (await create()).body;
      await p.pay(late);
      expect((await order(late)).status).toBe('pending');
      await emulator.releaseWebhooks();
      expect((await order(late)).status).toBe('approved');

      emulator.setWebhookMode('never');
      const lost = (await create()).body;
      await p.pay(lost);
      emulator.setWebhookMode('once');
      expect((await order(lost)).status).toBe('pending');
      t.clock.advance(21_000);
      await expect.poll(async () => (await order(lost)).status).toBe('approved');
    });

    it('answers a sandbox payment whose read back failed with the order pending; the reconciler approves it', async () => {
      emulator.setWebhookMode('never');
      const o = (await create()).body;
      emulator.fail({ status: 503, match: '^GET ' });
      const paid = await t.api.call<Order>('POST', `/v1/sandbox/orders/${o.id}/pay`, { token, body: {} });
      emulator.heal();
      emulator.setWebhookMode('once');
      expect([paid.status, paid.body.status]).toEqual([200, 'pending']);
      t.clock.advance(21_000);
      await expect.poll(async () => (await order(o)).status).toBe('approved');
    });

    it('keeps a refund pending while the PSP is down, retries it, and refunds exactly once', async () => {
      const o = (await create()).body;
      await p.pay(o);
      emulator.fail({ status: 503 });
      const r = await t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, { token, body: { amount: 700 } });
      emulator.heal();
      expect([r.status, r.body.status]).toEqual([201, 'pending']);
      t.clock.advance(6_000);
      await expect.poll(async () => (await order(o)).refunded_amount).toBe(700);
      t.clock.advance(60_000);
      await expect.poll(async () => (await order(o)).status).toBe('partially_refunded');
      expect(emulator.ledger.getCob(txidOf(o)).pix?.[0]?.devolucoes.map((d) => [d.valor, d.status])).toEqual([
        ['7.00', 'DEVOLVIDO'],
      ]);
    });
  });
}
