import { mercadopagoDescriptor } from '@tillgate/gateway';
import { parseBRCode } from '@tillgate/sdk/pix';
import { type MercadopagoEmulator, startMercadopagoEmulator } from '@tillgate/simulator/emulators/mercadopago';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationInbox, notificationInbox } from './support/notification-inbox.js';
import { locationOf } from './support/printed-qr.js';

type Adapter = ReturnType<typeof mercadopagoDescriptor.create>;
type ChargeRequest = Parameters<Adapter['createCharge']>[0]['order'];

const SECRET = 'whsec-of-the-emulated-application';
const TOKEN = 'APP_USR-wallet-test-token';

describe('Mercado Pago adapter against its emulator', () => {
  let emulator: MercadopagoEmulator;
  let inbox: NotificationInbox;
  let adapter: Adapter;
  let account: Parameters<Adapter['getCharge']>[0]['account'];
  let n = 0;

  beforeAll(async () => {
    inbox = await notificationInbox('/v1/providers/mercadopago/pac_mp/webhook');
    emulator = await startMercadopagoEmulator({
      accessToken: TOKEN,
      webhookSecret: SECRET,
      notificationUrl: inbox.url,
    });
    adapter = mercadopagoDescriptor.create({
      log: pino({ level: 'silent' }),
      clock: { now: () => new Date() },
      timeoutMs: 1000,
    });
    account = {
      id: 'pac_mp',
      merchantId: 'mer_1',
      environment: 'test',
      adapter: 'mercadopago',
      provider: 'Mercado Pago',
      config: { access_token: TOKEN, webhook_secret: SECRET, base_url: emulator.url },
    };
  });

  afterAll(async () => {
    await emulator?.close();
    await inbox?.close();
  });

  const charge = (amount = 1990): ChargeRequest => {
    const id = `ord_01JQ4S4KY8HWQ6NA5PXB65B${String(++n).padStart(3, '0')}`;
    return {
      orderId: id,
      orderRef: `Pedido ${n}`,
      storeId: 'sto_01JQ4S4KY8HWQ6NA5PXB65B3D8',
      tillId: 'till_01JQ4S4KY8HWQ6NA5PXB65B3D9',
      notificationUrl: inbox.url,
      wallet: 'mercadopago',
      amount,
      items: [],
      expiresAt: new Date(Date.now() + 900_000),
      expiresInSeconds: 900,
      description: `Pedido ${n}`,
    };
  };
  const create = (order: ChargeRequest) => adapter.createCharge({ order, account, idempotencyKey: order.orderId });
  const paidOrder = async (amount = 1990, failRefunds = false) => {
    const { providerRef } = await create(charge(amount));
    expect(await adapter.simulatePayment?.({ providerRef, account, failRefunds })).toBe(true);
    const state = await adapter.getCharge({ providerRef, account });
    if (state.status !== 'paid') throw new Error(`expected paid, got ${state.status}`);
    return { providerRef, paymentId: state.payments[0]?.providerPaymentId ?? '' };
  };

  it('creates a QR order at the till’s POS, reads it pending, and a retried create names the same order', async () => {
    const order = charge();
    const made = await create(order);
    expect(made.providerRef).toMatch(/^ORD[0-9A-Z]{26}$/);
    expect(made.deepLink).toBeNull();
    expect(parseBRCode(made.qrCodeText).kind).toBe('dynamic');
    expect(emulator.ledger.get(made.providerRef)).toMatchObject({
      type: 'qr',
      total_amount: '19.90',
      external_reference: order.orderId,
      config: { qr: { external_pos_id: 'till01JQ4S4KY8HWQ6NA5PXB65B3D9', mode: 'dynamic' } },
    });
    expect(await adapter.getCharge({ providerRef: made.providerRef, account })).toEqual({ status: 'pending' });
    expect((await create(order)).providerRef).toBe(made.providerRef);
  });

  it('reads a paid order with its payment id and amount, a wrong amount as paid', async () => {
    const { providerRef } = await create(charge(1990));
    await adapter.simulatePayment?.({ providerRef, account, amount: 1500 });
    const state = await adapter.getCharge({ providerRef, account });
    expect(state).toMatchObject({ status: 'paid', payments: [{ amount: 1500 }] });
    expect(state.status === 'paid' && state.payments[0]?.providerPaymentId).toMatch(/^PAY[0-9A-Z]{26}$/);
  });

  it('accepts a notification with a valid signature over its raw bytes, and refuses a forged one', async () => {
    const before = inbox.received.length;
    const { providerRef, paymentId } = await paidOrder();
    await expect.poll(() => inbox.received.length).toBeGreaterThan(before);
    const delivered = inbox.received.at(-1);
    if (!delivered) throw new Error('no notification');
    const { headers } = delivered;
    const events = await adapter.parseNotification({ headers, rawBody: delivered.raw, account });
    expect(events).toMatchObject([{ kind: 'payment', providerRef, payment: { providerPaymentId: paymentId } }]);

    const forged = { ...headers, 'x-signature': headers['x-signature']?.replace(/v1=../, 'v1=00') ?? '' };
    await expect(adapter.parseNotification({ headers: forged, rawBody: delivered.raw, account })).rejects.toMatchObject(
      {
        name: 'ProviderAuthFailed',
      },
    );
    const otherSecret = { ...account, config: { ...account.config, webhook_secret: 'not-the-secret' } };
    await expect(
      adapter.parseNotification({ headers, rawBody: delivered.raw, account: otherSecret }),
    ).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
  });

  it('cancels an unpaid order, and a second cancel finds it already cancelled', async () => {
    const { providerRef } = await create(charge());
    await adapter.cancelCharge({ providerRef, account });
    expect(await adapter.getCharge({ providerRef, account })).toEqual({ status: 'cancelled' });
    await adapter.cancelCharge({ providerRef, account });
    expect(emulator.ledger.get(providerRef).status).toBe('canceled');
  });

  it('refunds in part twice, then what is left, once per refund id, and refuses more', async () => {
    const { providerRef, paymentId } = await paidOrder(1990);
    const refund = (refundId: string, amount: number) =>
      adapter.refund({ providerRef, paymentId, refundId, amount, account });
    expect(await refund('rfd_01JQ4S4KY8HWQ6NA5PXB65B0A1', 500)).toEqual({ status: 'succeeded' });
    expect(await refund('rfd_01JQ4S4KY8HWQ6NA5PXB65B0A1', 500)).toEqual({ status: 'succeeded' });
    expect(await refund('rfd_01JQ4S4KY8HWQ6NA5PXB65B0A2', 490)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(providerRef)).toMatchObject({
      status: 'processed',
      status_detail: 'partially_refunded',
      transactions: { payments: [{ refunded_amount: '9.90' }] },
    });
    await expect(refund('rfd_01JQ4S4KY8HWQ6NA5PXB65B0A3', 1001)).rejects.toMatchObject({ name: 'ProviderRejected' });
    expect(await refund('rfd_01JQ4S4KY8HWQ6NA5PXB65B0A4', 1000)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(providerRef).status).toBe('refunded');
    expect(await adapter.getCharge({ providerRef, account })).toMatchObject({ status: 'paid' });
  });

  it('refunds in full with an empty body, and reports a refund the payer’s side refused as failed', async () => {
    const full = await paidOrder(1200);
    const state = await adapter.refund({ ...full, refundId: 'rfd_01JQ4S4KY8HWQ6NA5PXB65B0B1', amount: 1200, account });
    expect(state).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(full.providerRef).status).toBe('refunded');
    // Driven again (a crash after the call): the same request under the same key, answered the same.
    expect(
      await adapter.refund({ ...full, refundId: 'rfd_01JQ4S4KY8HWQ6NA5PXB65B0B1', amount: 1200, account }),
    ).toEqual({ status: 'succeeded' });

    const refused = await paidOrder(1200, true);
    const failed = await adapter.refund({
      ...refused,
      refundId: 'rfd_01JQ4S4KY8HWQ6NA5PXB65B0B2',
      amount: 300,
      account,
    });
    expect(failed).toMatchObject({ status: 'failed' });
  });

  it('asks again about a refund still processing, and settles it once it is', async () => {
    const slow = await startMercadopagoEmulator({ accessToken: TOKEN, webhookSecret: SECRET, refundSettleMs: 150 });
    try {
      const at = { ...account, config: { ...account.config, base_url: slow.url } };
      const { providerRef } = await adapter.createCharge({ order: charge(1000), account: at, idempotencyKey: 'k1' });
      await slow.pay(providerRef);
      const paymentId = slow.ledger.get(providerRef).transactions.payments[0]?.id ?? '';
      const ask = () =>
        adapter.refund({
          providerRef,
          paymentId,
          refundId: 'rfd_01JQ4S4KY8HWQ6NA5PXB65B0C1',
          amount: 400,
          account: at,
        });
      await expect(ask()).rejects.toMatchObject({ name: 'ProviderUnavailable' });
      await expect.poll(() => slow.ledger.get(providerRef).transactions.refunds?.[0]?.status).toBe('processed');
      expect(await ask()).toEqual({ status: 'succeeded' });
      expect(slow.ledger.get(providerRef).transactions.refunds).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('turns a 5xx or a slow answer into ProviderUnavailable, and works again once healed', async () => {
    const { providerRef } = await create(charge());
    emulator.fail({ status: 503 });
    await expect(adapter.getCharge({ providerRef, account })).rejects.toMatchObject({ name: 'ProviderUnavailable' });
    emulator.fail({ delayMs: 1300, match: '^GET ' });
    await expect(adapter.getCharge({ providerRef, account })).rejects.toMatchObject({ name: 'ProviderUnavailable' });
    emulator.heal();
    expect(await adapter.getCharge({ providerRef, account })).toEqual({ status: 'pending' });
  });

  describe('a till’s printed QR: its POS', () => {
    const tillId = 'till_01JQ4S4KY8HWQ6NA5PXB65PQR1';
    const storeId = 'sto_01JQ4S4KY8HWQ6NA5PXB65PQR0';
    const merchant = { name: 'Padaria', city: 'Sao Paulo' };
    const printedFor = (over: Partial<ChargeRequest> = {}) => ({ ...charge(), tillId, storeId, ...over });

    it('is made once under the till’s store, then found again, an integrated (fixed-amount) POS', async () => {
      const made = await adapter.createFixedQr?.({ tillId, storeId, merchant, account });
      if (!made) throw new Error('no printed QR');
      const [pos] = emulator.pointsOfSale.search(
        new URLSearchParams({ external_id: 'till01JQ4S4KY8HWQ6NA5PXB65PQR1' }),
      );
      expect(pos).toMatchObject({ fixed_amount: true, external_store_id: 'sto01JQ4S4KY8HWQ6NA5PXB65PQR0' });
      expect(made).toEqual({ locationRef: String(pos?.id), qrCodeText: pos?.qr_code });
      expect(parseBRCode(made.qrCodeText)).toMatchObject({ kind: 'dynamic' });
      expect(parseBRCode(made.qrCodeText).usage).toBeUndefined();
      expect(await adapter.createFixedQr?.({ tillId, storeId, merchant, account })).toEqual(made);
    });

    it('settles two instances making the same POS at once on the one Mercado Pago kept', async () => {
      const racing = { tillId: 'till_01JQ4S4KY8HWQ6NA5PXB65PQR3', storeId, merchant, account };
      const [a, b] = await Promise.all([adapter.createFixedQr?.(racing), adapter.createFixedQr?.(racing)]);
      expect(a).toEqual(b);
      expect(
        emulator.pointsOfSale.search(new URLSearchParams({ external_id: 'till01JQ4S4KY8HWQ6NA5PXB65PQR3' })),
      ).toHaveLength(1);
    });

    it('takes the POS the merchant made, and makes an open-amount one charge the order’s amount', async () => {
      const [store] = emulator.pointsOfSale.searchStores('LOJA2');
      const theirs = emulator.pointsOfSale.create({
        name: 'Caixa 2',
        fixed_amount: false,
        store_id: store?.id,
        external_store_id: 'LOJA2',
        external_id: 'till01JQ4S4KY8HWQ6NA5PXB65PQR2',
      });
      const made = await adapter.createFixedQr?.({
        tillId: 'till_01JQ4S4KY8HWQ6NA5PXB65PQR2',
        storeId,
        merchant,
        account,
      });
      expect(made).toEqual({ locationRef: String(theirs.id), qrCodeText: theirs.qr_code });
      expect(emulator.pointsOfSale.get(String(theirs.id)).fixed_amount).toBe(true);
    });

    it('static: each order is the POS’s, shows the printed code, and the printed QR pays the newest', async () => {
      const printed = await adapter.createFixedQr?.({ tillId, storeId, merchant, account });
      if (!printed) throw new Error('no printed QR');
      const fixedQr = { ...printed, mode: 'static' as const };
      const first = await create(printedFor({ fixedQr, amount: 1990 }));
      const second = await create(printedFor({ fixedQr, amount: 2500 }));
      expect([first.qrCodeText, second.qrCodeText]).toEqual([printed.qrCodeText, printed.qrCodeText]);
      expect([first.linkedRef, second.linkedRef]).toEqual([first.providerRef, second.providerRef]);
      expect(emulator.ledger.get(second.providerRef)).toMatchObject({
        config: { qr: { external_pos_id: 'till01JQ4S4KY8HWQ6NA5PXB65PQR1', mode: 'static' } },
      });
      expect(emulator.ledger.get(second.providerRef)).not.toHaveProperty('type_response');

      expect(emulator.orderAt(locationOf(printed.qrCodeText)).id).toBe(second.providerRef);
      await emulator.pay(emulator.orderAt(locationOf(printed.qrCodeText)).id);
      expect(await adapter.getCharge({ providerRef: second.providerRef, account })).toMatchObject({
        status: 'paid',
        payments: [{ amount: 2500 }],
      });
      expect(await adapter.getCharge({ providerRef: first.providerRef, account })).toEqual({ status: 'pending' });
      // Paid, the POS has nothing to charge until the next order.
      expect(() => emulator.orderAt(locationOf(printed.qrCodeText))).toThrow(/no order waiting/);
    });

    it('hybrid: the order’s own code and the printed one both pay it, and only once', async () => {
      const printed = await adapter.createFixedQr?.({ tillId, storeId, merchant, account });
      if (!printed) throw new Error('no printed QR');
      const made = await create(printedFor({ fixedQr: { ...printed, mode: 'hybrid' } }));
      expect(made.qrCodeText).not.toBe(printed.qrCodeText);
      expect(made.linkedRef).toBe(made.providerRef);
      const own = emulator.orderAt(locationOf(made.qrCodeText));
      expect([own.id, emulator.orderAt(locationOf(printed.qrCodeText)).id]).toEqual([
        made.providerRef,
        made.providerRef,
      ]);
      await emulator.pay(own.id);
      expect(() => emulator.orderAt(locationOf(printed.qrCodeText))).toThrow(/no order waiting/);
      await expect(emulator.pay(own.id)).rejects.toMatchObject({ code: 'invalid_order_status' });
    });

    it('refuses to make a POS under a store Mercado Pago does not know, naming the store', async () => {
      const strict = await startMercadopagoEmulator({ accessToken: TOKEN, webhookSecret: SECRET, storeIds: ['LOJA1'] });
      try {
        const at = { ...account, config: { ...account.config, base_url: strict.url } };
        await expect(adapter.createFixedQr?.({ tillId, storeId, merchant, account: at })).rejects.toMatchObject({
          name: 'ProviderRejected',
          message: expect.stringContaining('no store with external_id sto01JQ4S4KY8HWQ6NA5PXB65PQR0'),
        });
        expect(strict.pointsOfSale.search(new URLSearchParams())).toEqual([]);
        // A static order at a POS never made is Mercado Pago's refusal.
        await expect(
          adapter.createCharge({
            order: printedFor({ fixedQr: { locationRef: '1', qrCodeText: 'x', mode: 'static' } }),
            account: at,
            idempotencyKey: 'k-static',
          }),
        ).rejects.toMatchObject({ name: 'ProviderRejected', message: expect.stringContaining('pos_not_found') });
      } finally {
        await strict.close();
      }
    });
  });

  it('tests the connection with one harmless read, and tells a wrong token apart', async () => {
    await adapter.testConnection?.(account);
    const wrong = { ...account, config: { ...account.config, access_token: 'APP_USR-wrong' } };
    await expect(adapter.testConnection?.(wrong)).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
  });
});
