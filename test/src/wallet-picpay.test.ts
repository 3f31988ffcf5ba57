import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock, picpayDescriptor } from '@tillgate/gateway';
import { type PicPayEmulator, startPicPayEmulator } from '@tillgate/simulator/emulators/picpay';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** PicPay's callbacks as they reach the shop: exact bytes and headers. */
interface Callback {
  headers: Record<string, string>;
  raw: Buffer;
}

async function startCallbackCatcher() {
  const caught: Callback[] = [];
  const waiting: Array<(c: Callback) => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const callback = { headers: req.headers as Record<string, string>, raw: Buffer.concat(chunks) };
      res.writeHead(200).end();
      const next = waiting.shift();
      if (next) next(callback);
      else caught.push(callback);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/providers/picpay/pac_wallet/webhook`,
    next: () =>
      new Promise<Callback>((resolve) => (caught.length ? resolve(caught.shift() as Callback) : waiting.push(resolve))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the PicPay adapter against the PicPay emulator', () => {
  let emulator: PicPayEmulator;
  let catcher: Awaited<ReturnType<typeof startCallbackCatcher>>;
  const clock = new ManualClock(new Date('2026-12-01T12:00:00Z'));
  const adapter = picpayDescriptor.create({ log: pino({ level: 'silent' }), clock, timeoutMs: 1000 });
  const account = (config: Record<string, unknown> = {}) => ({
    id: 'pac_wallet',
    merchantId: 'mer_wallet',
    environment: 'test' as const,
    adapter: 'picpay',
    provider: 'picpay',
    config: { picpay_token: 'tok-picpay', seller_token: 'tok-seller', base_url: emulator.apiUrl, ...config },
  });
  let n = 0;
  const create = async (amount = 1990) => {
    const orderId = `ord_wallet${++n}${Date.now()}`;
    const charge = await adapter.createCharge({
      order: {
        orderId,
        orderRef: `R-${n}`,
        storeId: 'sto_1',
        tillId: 'til_1',
        notificationUrl: catcher.url,
        wallet: 'picpay',
        amount,
        items: [],
        expiresAt: new Date(clock.now().getTime() + 600_000),
        expiresInSeconds: 600,
        description: 'Pedido de teste',
      },
      account: account(),
      idempotencyKey: orderId,
    });
    return { orderId, charge };
  };
  const read = (providerRef: string) => adapter.getCharge({ providerRef, account: account() });

  beforeAll(async () => {
    emulator = await startPicPayEmulator({
      picpayToken: 'tok-picpay',
      sellerToken: 'tok-seller',
      now: () => clock.now(),
    });
    catcher = await startCallbackCatcher();
  });
  afterAll(async () => {
    await emulator?.close();
    await catcher?.close();
  });

  it('creates an order named by our order id, in reais, with its callback, and reads it pending', async () => {
    const { orderId, charge } = await create(1990);
    expect(charge.providerRef).toBe(orderId);
    expect(charge.qrCodeText).toMatch(/^https:\/\/app\.picpay\.com\/checkout\//);
    expect(charge.deepLink).toBe(charge.qrCodeText);
    const order = emulator.ledger.get(orderId);
    expect(order).toMatchObject({ value: 1990, callbackUrl: catcher.url, status: 'created' });
    expect(emulator.received.at(-1)?.body).toMatchObject({
      referenceId: orderId,
      value: 19.9,
      purchaseMode: 'in-store',
    });
    expect(await read(orderId)).toEqual({ status: 'pending' });
  });

  it('reads a payment with its authorization id and amount; a callback with the seller token becomes it', async () => {
    const { orderId } = await create(2051);
    const callback = catcher.next();
    const paid = await emulator.pay(orderId);
    const state = await read(orderId);
    expect(state).toMatchObject({
      status: 'paid',
      payments: [{ providerPaymentId: paid.authorizationId, amount: 2051 }],
    });

    const { headers, raw } = await callback;
    expect(JSON.parse(raw.toString())).toEqual({ referenceId: orderId, authorizationId: paid.authorizationId });
    const events = await adapter.parseNotification({ headers, rawBody: raw, account: account() });
    expect(events).toMatchObject([{ kind: 'payment', providerRef: orderId, payment: { amount: 2051 } }]);

    const forged = { ...headers, 'x-seller-token': 'tok-sellex' };
    await expect(
      adapter.parseNotification({ headers: forged, rawBody: raw, account: account() }),
    ).rejects.toMatchObject({
      name: 'ProviderAuthFailed',
    });
  });

  it('pays at the emulator for the gateway, another amount included', async () => {
    const { orderId } = await create(1000);
    expect(await adapter.simulatePayment?.({ providerRef: orderId, account: account(), amount: 990 })).toBe(true);
    expect(await read(orderId)).toMatchObject({ status: 'paid', payments: [{ amount: 990 }] });
    await catcher.next();
  });

  it('cancels an unpaid order (twice is still once) and reads it cancelled', async () => {
    const { orderId } = await create();
    await adapter.cancelCharge({ providerRef: orderId, account: account() });
    await adapter.cancelCharge({ providerRef: orderId, account: account() });
    expect(emulator.ledger.get(orderId).status).toBe('expired');
    expect(await read(orderId)).toEqual({ status: 'cancelled' });
    await catcher.next();
  });

  it('refunds in part, then the rest, refuses more, and the order still reads paid', async () => {
    const { orderId } = await create(1990);
    const { authorizationId = '' } = await emulator.pay(orderId);
    await catcher.next();
    const refund = (amount: number, refundId: string) =>
      adapter.refund({ providerRef: orderId, paymentId: authorizationId, refundId, amount, account: account() });
    expect(await refund(500, 'rfd_1')).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(orderId)).toMatchObject({ status: 'paid', refunded: 500 });
    expect(await refund(1490, 'rfd_2')).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(orderId)).toMatchObject({ status: 'refunded', refunded: 1990 });
    await expect(refund(1, 'rfd_3')).rejects.toMatchObject({ name: 'ProviderRejected', reason: /totalmente/ });
    expect(await read(orderId)).toMatchObject({ status: 'paid', payments: [{ amount: 1990 }] });
    await catcher.next();
  });

  it('tells a refund PicPay made but whose answer was lost by the refunded sum, and does not refund twice', async () => {
    const { orderId } = await create(1990);
    const { authorizationId = '' } = await emulator.pay(orderId);
    await catcher.next();
    emulator.fail({ lostAnswer: true, match: 'POST .*/refunds$', times: 1 });
    const refund = { providerRef: orderId, paymentId: authorizationId, refundId: 'rfd_lost', amount: 700 };
    expect(await adapter.refund({ ...refund, account: account() })).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.get(orderId).refunded).toBe(700);
    // Read before, refunded (answer lost), read again: not sent twice.
    expect(emulator.received.slice(-3).map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual([
      'GET status',
      'POST refunds',
      'GET status',
    ]);
    emulator.heal();
  });

  it('passes on a refund the payer side refuses as final', async () => {
    const { orderId } = await create();
    const { authorizationId = '' } = await emulator.pay(orderId, { refunds: 'fail' });
    await catcher.next();
    await expect(
      adapter.refund({
        providerRef: orderId,
        paymentId: authorizationId,
        refundId: 'rfd_x',
        amount: 100,
        account: account(),
      }),
    ).rejects.toMatchObject({ name: 'ProviderRejected', reason: /saldo/i });
  });

  it('is unavailable while PicPay answers 5xx or too slowly, and reads again once it heals', async () => {
    const { orderId } = await create();
    emulator.fail({ status: 503 });
    await expect(read(orderId)).rejects.toMatchObject({ name: 'ProviderUnavailable', message: /503/ });
    emulator.fail({ delayMs: 1300, times: 3 });
    await expect(read(orderId)).rejects.toMatchObject({ name: 'ProviderUnavailable', message: /1000 ms/ });
    emulator.heal();
    expect(await read(orderId)).toEqual({ status: 'pending' });
    expect(emulator.faultCounts.api.status).toBeGreaterThan(0);
  });

  it('tests the connection with a harmless read: the right token passes, a wrong one is refused', async () => {
    await expect(adapter.testConnection?.(account())).resolves.toBeUndefined();
    await expect(adapter.testConnection?.(account({ picpay_token: 'wrong' }))).rejects.toMatchObject({
      name: 'ProviderAuthFailed',
    });
  });
});
