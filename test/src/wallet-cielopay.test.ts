import { createCieloPayAdapter } from '@tillgate/gateway';
import { parseBRCode } from '@tillgate/sdk/pix';
import { type CieloEmulator, startCieloEmulator } from '@tillgate/simulator/emulators/cielopay';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type NotificationInbox, notificationInbox } from './support/notification-inbox.js';

/** The adapter against its emulator, directly: no gateway, no database. */

const MERCHANT_ID = '5a8f1c2e-0b3d-4e6f-8a9b-1c2d3e4f5a6b';
const MERCHANT_KEY = 'EMULATORKEYEMULATORKEYEMULATORKEY1234567';
const HEADER = 'X-Tillgate-Cielo';
const TOKEN = 'registered-static-token-0123456789';

describe('cielopay adapter against the Cielo emulator', () => {
  let emulator: CieloEmulator;
  let inbox: NotificationInbox;
  const adapter = createCieloPayAdapter({
    log: pino({ level: 'silent' }),
    clock: { now: () => new Date() },
    timeoutMs: 2000,
  });
  let account: Parameters<typeof adapter.getCharge>[0]['account'];
  let orders = 0;

  beforeAll(async () => {
    inbox = await notificationInbox('/cielo', 200);
    emulator = await startCieloEmulator({
      merchants: [
        {
          merchantId: MERCHANT_ID,
          merchantKey: MERCHANT_KEY,
          notificationUrl: inbox.url,
          notificationHeaders: { [HEADER]: TOKEN },
        },
      ],
      refundSettleMs: 0,
    });
    account = {
      id: 'pac_cielo',
      merchantId: 'mer_1',
      environment: 'test',
      adapter: 'cielopay',
      provider: 'cielopay',
      config: {
        merchant_id: MERCHANT_ID,
        merchant_key: MERCHANT_KEY,
        notification_header: HEADER,
        notification_token: TOKEN,
        base_url: emulator.url,
      },
    };
  });
  afterAll(async () => {
    await emulator?.close();
    await inbox?.close();
  });

  const create = (amount = 1990) => {
    orders += 1;
    const orderId = `ord_01KXYZ${String(orders).padStart(20, '0')}`;
    return adapter.createCharge({
      order: {
        orderId,
        orderRef: `ref-${orders}`,
        storeId: 'sto_1',
        tillId: 'till_1',
        notificationUrl: 'http://127.0.0.1:1/unused',
        wallet: 'cielopay',
        amount,
        items: [],
        expiresAt: new Date(Date.now() + 600_000),
        expiresInSeconds: 600,
        description: `ref-${orders}`,
      },
      account,
      idempotencyKey: orderId,
    });
  };

  it('creates a Pix QR sale and reads it pending on the query paths', async () => {
    const charge = await create();
    expect(parseBRCode(charge.qrCodeText).kind).toBe('dynamic');
    expect(charge.deepLink).toBeNull();
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toEqual({ status: 'pending' });
    const sale = emulator.ledger.get(charge.providerRef);
    expect(sale).toMatchObject({ amount: 1990, provider: 'Cielo2', expirationSeconds: 600 });
    expect(sale.merchantOrderId).toHaveLength(25);
  });

  it('reads a paid sale with its EndToEndId and the amount paid, even another one', async () => {
    const charge = await create(2500);
    await emulator.pay(charge.providerRef, { amount: 2400 });
    const state = await adapter.getCharge({ providerRef: charge.providerRef, account });
    const sale = emulator.ledger.get(charge.providerRef);
    expect(state).toEqual({
      status: 'paid',
      payments: [{ providerPaymentId: sale.endToEndId, amount: 2400, paidAt: expect.any(Date), payer: {} }],
    });
  });

  it('accepts a notification with the registered header over its raw bytes, and refuses a forged one', async () => {
    const charge = await create();
    const before = inbox.received.length;
    await emulator.pay(charge.providerRef);
    const note = await inbox.next(before + 1);
    expect(JSON.parse(note.raw.toString())).toEqual({ PaymentId: charge.providerRef, ChangeType: 1 });
    const events = await adapter.parseNotification({ headers: note.headers, rawBody: note.raw, account });
    expect(events).toEqual([
      {
        kind: 'payment',
        providerRef: charge.providerRef,
        payment: expect.objectContaining({ amount: 1990 }),
      },
    ]);
    const forged = { ...note.headers, [HEADER.toLowerCase()]: 'guessed-token-guessed-token-000' };
    await expect(adapter.parseNotification({ headers: forged, rawBody: note.raw, account })).rejects.toMatchObject({
      name: 'ProviderAuthFailed',
    });
  });

  it('removes an unpaid QR, and a second removal is harmless', async () => {
    const charge = await create();
    await adapter.cancelCharge({ providerRef: charge.providerRef, account });
    await adapter.cancelCharge({ providerRef: charge.providerRef, account });
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toEqual({ status: 'cancelled' });
    await expect(emulator.pay(charge.providerRef)).rejects.toThrow(/not pending/);
  });

  it('refunds in part, then the rest; an over-refund is refused', async () => {
    const charge = await create(3000);
    await emulator.pay(charge.providerRef);
    const refund = (amount: number, n: number) =>
      adapter.refund({ providerRef: charge.providerRef, paymentId: 'E', refundId: `rfd_${n}`, amount, account });
    expect(await refund(1000, 1)).toEqual({ status: 'succeeded' });
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toMatchObject({ status: 'paid' });
    await expect(refund(2500, 2)).rejects.toMatchObject({ name: 'ProviderRejected', status: 400, codes: [307] });
    expect(await refund(2000, 3)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(charge.providerRef).status).toBe(11);
    // Refunded in full is still a paid sale for us: the refunds are the gateway's to track.
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toMatchObject({ status: 'paid' });
  });

  it('reports a refund the merchant’s Pix account cannot pay as failed, with Cielo’s reason', async () => {
    const charge = await create();
    await emulator.pay(charge.providerRef, { refunds: 'fail' });
    expect(
      await adapter.refund({
        providerRef: charge.providerRef,
        paymentId: 'E',
        refundId: 'rfd_x',
        amount: 500,
        account,
      }),
    ).toEqual({ status: 'failed', reason: '2 IssuficientFunds' });
  });

  it('pays through simulatePayment, the emulator’s payer door', async () => {
    const charge = await create();
    expect(await adapter.simulatePayment?.({ providerRef: charge.providerRef, account, amount: 1000 })).toBe(true);
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toMatchObject({
      status: 'paid',
      payments: [{ amount: 1000 }],
    });
  });

  it('turns Cielo’s 5xx into ProviderUnavailable: a read is retried, a sale is sent once', async () => {
    const charge = await create();
    emulator.fail({ status: 503, times: 1 });
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toEqual({ status: 'pending' });
    emulator.fail({ status: 503, match: '^POST /1/sales' });
    const posts = () => emulator.received.filter((r) => r.method === 'POST' && r.path.startsWith('/1/sales')).length;
    const before = posts();
    await expect(create()).rejects.toMatchObject({ name: 'ProviderUnavailable' });
    expect(posts()).toBe(before + 1);
    emulator.heal();
  });

  it('gives up on a slow sale at the deadline, and removes the sale Cielo opened after all', async () => {
    emulator.fail({ delayMs: 2500, match: '^POST /1/sales', times: 1 });
    const before = emulator.ledger.all().length;
    await expect(create()).rejects.toMatchObject({ name: 'ProviderUnavailable' });
    await vi.waitFor(
      () => {
        const opened = emulator.ledger.all().slice(before);
        expect(opened.map((s) => s.status)).toEqual([10]);
      },
      { timeout: 5000, interval: 100 },
    );
    emulator.heal();
  });

  it('tests the connection with a harmless read, and tells wrong credentials apart', async () => {
    await expect(adapter.testConnection?.(account)).resolves.toBeUndefined();
    const wrong = {
      ...account,
      config: { ...account.config, merchant_key: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEYWRONGKEY' },
    };
    await expect(adapter.testConnection?.(wrong)).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
  });
});
