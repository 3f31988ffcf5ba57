import { linkDemoAccount } from '@tillgate/gateway';
import type { Order, Till } from '@tillgate/sdk/protocol';
import { type MercadopagoEmulator, startMercadopagoEmulator } from '@tillgate/simulator/emulators/mercadopago';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type Storage } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import { locationOf, printedQrTill } from './support/printed-qr.js';
import { startConformanceGateway } from './support/providers.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(
    `a till's printed Mercado Pago QR (its POS) on the emulator, on ${backend.name}`,
    () => {
      let storage: Storage;
      let t: TestGateway;
      let token: string;
      let app: string;
      let emulator: MercadopagoEmulator;
      let till: Till;
      let printed: string;

      beforeAll(async () => {
        storage = await backend.create();
        ({ t, token } = await startConformanceGateway(storage));
        app = await t.api.appToken();
        const secrets = { access_token: 'APP_USR-printed-qr', webhook_secret: 'printed-qr-webhook-secret' };
        emulator = await startMercadopagoEmulator({
          accessToken: secrets.access_token,
          webhookSecret: secrets.webhook_secret,
          now: () => t.clock.now(),
        });
        const linked = await linkDemoAccount(t.gateway.deps, {
          accountId: `pac_${'PRINTEDMERCADOPAGO'.padEnd(26, '0')}`,
          adapter: 'mercadopago',
          wallet: 'mercadopago',
          name: 'Mercado Pago (emulador)',
          config: { ...secrets, base_url: emulator.url },
        });
        emulator.setNotificationUrl(`${t.gateway.url}/v1/providers/mercadopago/${linked.accountId}/webhook`);
        const tills = await t.api.call<{ data: Till[] }>('GET', '/v1/tills', { token: app });
        till = tills.body.data.find((x) => x.id === t.demo.tills[0]?.id) as Till;
      });
      afterAll(async () => {
        await emulator?.close();
        await t?.close();
        await storage?.drop();
      });

      const { setMode, printedQr, create } = printedQrTill(
        () => ({ api: t.api, app, token, tillId: till.id }),
        'mercadopago',
      );
      const statusOf = async (o: Order) => (await t.api.order(token, o.id)).status;
      const atMercadoPago = (o: Order) => emulator.ledger.byReference(o.id);
      /** A payer's app scans a code and pays what it shows (what `tillgate-sim` payers do). */
      const scanAndPay = (code: string) =>
        fetch(`${emulator.url}/_emulator/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ location: locationOf(code) }),
        });

      it('static: two orders in a row through one printed code; the current one is paid', async () => {
        const patched = await setMode('static');
        expect([patched.status, patched.body.qr_mode]).toEqual([200, 'static']);
        const qr = await printedQr();
        expect(qr.status).toBe(200);
        expect(qr.body).toMatchObject({ mode: 'static', wallet: 'mercadopago' });
        printed = qr.body.qr_code_text;
        // The till's POS, made once under its store, and the code is that POS's own QR.
        const [pos, ...more] = emulator.pointsOfSale.search(new URLSearchParams());
        expect(more).toEqual([]);
        expect(pos).toMatchObject({
          external_id: till.id.replace(/[^A-Za-z0-9]/g, ''),
          external_store_id: till.store_id.replace(/[^A-Za-z0-9]/g, ''),
          fixed_amount: true,
          qr_code: printed,
        });

        const first = await create(1990);
        const second = await create(2500);
        expect([first.qr_code_text, second.qr_code_text]).toEqual([printed, printed]);
        expect([atMercadoPago(first)?.config.qr.mode, atMercadoPago(second)?.config.qr.mode]).toEqual([
          'static',
          'static',
        ]);
        // The POS's QR charges the newest order.
        expect(emulator.orderAt(locationOf(printed)).id).toBe(atMercadoPago(second)?.id);

        expect((await scanAndPay(printed)).status).toBe(200);
        await expect.poll(() => statusOf(second)).toBe('approved');
        expect(await statusOf(first)).toBe('pending');
        expect((await t.api.order(token, second.id)).payment?.provider_payment_id).toBe(
          atMercadoPago(second)?.transactions.payments[0]?.id,
        );
        expect((await printedQr()).body.qr_code_text).toBe(printed);
        expect(emulator.pointsOfSale.search(new URLSearchParams())).toHaveLength(1);

        const png = await t.api.call('GET', `/v1/tills/${till.id}/qr.png?wallet=mercadopago&size=128`, { token: app });
        const pdf = await t.api.call('GET', `/v1/tills/${till.id}/qr.pdf?wallet=mercadopago`, { token: app });
        expect([png.status, png.contentType, pdf.status, pdf.contentType]).toEqual([
          200,
          'image/png',
          200,
          'application/pdf',
        ]);
      });

      it('the printed code with no order waiting has nothing to pay', async () => {
        const scanned = await scanAndPay(printed);
        expect(scanned.status).toBe(404);
        expect(await scanned.json()).toMatchObject({ errors: [{ code: 'order_not_found' }] });
      });

      it("hybrid: the order's own code and the printed one both pay it, and paying one closes the other", async () => {
        expect((await setMode('hybrid')).body.qr_mode).toBe('hybrid');
        const order = await create(1500);
        expect(order.qr_code_text).not.toBe(printed);
        expect(atMercadoPago(order)?.config.qr.mode).toBe('hybrid');
        expect(emulator.orderAt(locationOf(printed)).id).toBe(atMercadoPago(order)?.id);

        expect((await scanAndPay(printed)).status).toBe(200);
        await expect.poll(() => statusOf(order)).toBe('approved');
        // Mercado Pago disables the other code: no second payment, so nothing to refund.
        expect((await scanAndPay(order.qr_code_text)).status).toBe(409);
        const after = await t.api.order(token, order.id);
        expect(after).toMatchObject({ status: 'approved', late_payment: null, amount: 1500 });
      });

      it('back to dynamic: orders show their own codes and are no longer the POS’s', async () => {
        expect((await setMode('dynamic')).body.qr_mode).toBe('dynamic');
        const order = await create(990);
        expect(order.qr_code_text).not.toBe(printed);
        expect(atMercadoPago(order)?.config.qr.mode).toBe('dynamic');
        expect(() => emulator.orderAt(locationOf(printed))).toThrow(/no order waiting/);
      });
    },
  );
}
