import { parseBRCode } from '@tillgate/sdk/pix';
import type { Order, Till } from '@tillgate/sdk/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import { type PixUnderTest, suitePixGateway, txidOf } from './support/providers.js';

interface PrintedQr {
  mode: Till['qr_mode'];
  wallet: string;
  qr_code_text: string;
}

/** The location (BR Code tag 26.25) a code points at: what a payer's bank reads. */
const locationOf = (code: string): string => {
  const parsed = parseBRCode(code);
  if (parsed.kind !== 'dynamic') throw new Error(`not a location code: ${parsed.kind}`);
  return parsed.location;
};

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`a till's printed Pix QR on the emulator, on ${backend.name}`, () => {
    let t!: TestGateway, token!: string, p!: PixUnderTest;
    suitePixGateway(backend, (suite) => {
      ({ t, token, p } = suite);
    });
    let app: string;
    let tillId: string;
    let printed: string;

    beforeAll(async () => {
      app = await t.api.appToken();
      tillId = t.demo.tills[0]?.id as string;
    });

    const setMode = (qr_mode: string, id = tillId) =>
      t.api.call<Till>('PATCH', `/v1/tills/${id}`, { token: app, body: { qr_mode } });
    const printedQr = (wallet = 'pix') =>
      t.api.call<PrintedQr>('GET', `/v1/tills/${tillId}/qr?wallet=${wallet}`, { token: app });
    const create = async (amount: number): Promise<Order> => {
      const r = await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount });
      expect(r.status).toBe(201);
      return r.body;
    };
    const statusOf = async (o: Order) => (await t.api.order(token, o.id)).status;
    /** A payer scans the printed code: the bank reads its location and pays the charge linked there now. */
    const payPrinted = () => p.emulator.pay(p.emulator.txidAt(locationOf(printed)), {});
    const devolucoesOf = (txid: string) =>
      p.emulator.ledger.getCob(txid).pix?.map((pix) => pix.devolucoes.map((d) => d.status).join(',')) ?? [];

    it('refuses static at a till none of whose wallets prints a QR, and a printed QR of such a wallet', async () => {
      const store = await t.api.call<{ id: string }>('POST', '/v1/stores', { token: app, body: { name: 'Sem Pix' } });
      const till = await t.api.call<Till>('POST', '/v1/tills', {
        token: app,
        body: { store_id: store.body.id, name: 'Balcão', category: 'physical' },
      });
      const refused = await setMode('static', till.body.id);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'qr_mode_unsupported', errors: [{ field: 'qr_mode' }] });
      // The demo till's PicPay is the sandbox's, which has no static mode.
      const picpay = await printedQr('picpay');
      expect(picpay.body).toMatchObject({ code: 'qr_mode_unsupported', errors: [{ field: 'wallet' }] });
      expect((await setMode('sometimes')).body).toMatchObject({ code: 'validation_failed' });
    });

    it('static: two orders in a row through one printed code; the current one is paid', async () => {
      const patched = await setMode('static');
      expect([patched.status, patched.body.qr_mode]).toEqual([200, 'static']);
      const qr = await printedQr();
      expect(qr.status).toBe(200);
      expect(qr.body).toMatchObject({ mode: 'static', wallet: 'pix' });
      printed = qr.body.qr_code_text;
      expect(parseBRCode(printed).usage).toBeUndefined();

      const first = await create(1990);
      const second = await create(2500);
      expect([first.qr_code_text, second.qr_code_text]).toEqual([printed, printed]);
      // The PSP serves the location's payload: the second order's charge, the first one unlinked.
      const jws = await (await fetch(`http://${locationOf(printed)}`)).text();
      const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
      expect(payload).toMatchObject({ txid: txidOf(second), valor: { original: '25.00' } });
      expect(p.emulator.ledger.getCob(txidOf(first))).not.toHaveProperty('location');

      await payPrinted();
      await expect.poll(() => statusOf(second)).toBe('approved');
      expect(await statusOf(first)).toBe('pending');
      expect((await printedQr()).body.qr_code_text).toBe(printed);

      const png = await t.api.call('GET', `/v1/tills/${tillId}/qr.png?wallet=pix&size=128`, { token: app });
      const svg = await t.api.call('GET', `/v1/tills/${tillId}/qr.svg?wallet=pix`, { token: app });
      const pdf = await t.api.call('GET', `/v1/tills/${tillId}/qr.pdf?wallet=pix`, { token: app });
      expect([png.status, png.contentType, svg.status]).toEqual([200, 'image/png', 200]);
      expect([pdf.status, pdf.contentType]).toEqual([200, 'application/pdf']);
      expect(svg.contentType).toMatch(/^image\/svg\+xml/);
    });

    it('a payment through the printed code with no order pending is returned to the payer', async () => {
      const paid = p.emulator.txidAt(locationOf(printed));
      await payPrinted();
      await expect.poll(() => devolucoesOf(paid)).toEqual(['', 'DEVOLVIDO']);
      const order = (
        await t.api.call<{ data: Order[] }>('GET', '/v1/orders?amount_min=2500&amount_max=2500', {
          token,
        })
      ).body.data[0];
      expect(order).toMatchObject({ status: 'approved', late_payment: { reason: 'duplicate' } });
    });

    it("hybrid: the order's own code and the printed one both pay; the second payment is refunded", async () => {
      expect((await setMode('hybrid')).body.qr_mode).toBe('hybrid');
      const order = await create(1500);
      expect(order.qr_code_text).not.toBe(printed);
      expect(locationOf(order.qr_code_text)).not.toBe(locationOf(printed));

      const throughPrinted = p.emulator.txidAt(locationOf(printed));
      expect(throughPrinted).not.toBe(txidOf(order));
      await payPrinted();
      await expect.poll(() => statusOf(order)).toBe('approved');
      await p.emulator.pay(txidOf(order), {});
      await expect.poll(() => devolucoesOf(txidOf(order))).toEqual(['DEVOLVIDO']);
      const after = await t.api.order(token, order.id);
      expect(after).toMatchObject({ status: 'approved', late_payment: { reason: 'duplicate' } });
      expect(after.payment?.provider_payment_id).toBe(p.emulator.ledger.getCob(throughPrinted).pix?.[0]?.endToEndId);
    });

    it('back to dynamic: the printed code charges nothing, and orders show their own codes', async () => {
      expect((await setMode('dynamic')).body.qr_mode).toBe('dynamic');
      expect(() => p.emulator.txidAt(locationOf(printed))).toThrow();
      const order = await create(990);
      expect(order.qr_code_text).not.toBe(printed);
    });
  });
}
