import { pagbankDescriptor } from '@tillgate/gateway';
import { parseBRCode } from '@tillgate/sdk/pix';
import { type StartedPagBankEmulator, startPagBankEmulator } from '@tillgate/simulator/emulators/pagbank';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationInbox, notificationInbox } from './support/notification-inbox.js';

/** The PagBank adapter driven against the PagBank emulator directly: no gateway, no database. */

describe('PagBank adapter against the PagBank emulator', () => {
  let emulator: StartedPagBankEmulator;
  let inbox: NotificationInbox;
  const adapter = pagbankDescriptor.create({
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: { now: () => new Date() },
    timeoutMs: 1000,
  });
  const account = (config: Record<string, unknown> = {}) => ({
    id: 'pa_pagbank',
    merchantId: 'mer_1',
    environment: 'test' as const,
    adapter: 'pagbank',
    provider: 'pagbank',
    config: { token: emulator.token, base_url: emulator.url, ...config },
  });
  let seq = 0;
  const create = async (amount = 1990, idempotencyKey = `idem-${++seq}`) => {
    const order = {
      orderId: `ord_${String(++seq).padStart(26, '0')}`,
      orderRef: `PDV-${seq}`,
      storeId: 'sto_1',
      tillId: 'til_1',
      notificationUrl: inbox.url,
      wallet: 'pagbank' as const,
      amount,
      items: [{ title: 'Pão de queijo', quantity: 1, unit_amount: amount }],
      expiresAt: new Date(Date.now() + 15 * 60_000),
      expiresInSeconds: 900,
      description: `PDV-${seq}`,
    };
    return adapter.createCharge({ order, account: account(), idempotencyKey });
  };
  /** Pays at the emulator and hands back the notification PagBank sent about it. */
  const pay = async (providerRef: string, options: { amount?: number; failRefunds?: boolean } = {}) => {
    const before = inbox.received.length;
    expect(await adapter.simulatePayment?.({ providerRef, account: account(), ...options })).toBe(true);
    return inbox.next(before + 1);
  };
  const paymentOf = async (providerRef: string) => {
    const state = await adapter.getCharge({ providerRef, account: account() });
    if (state.status !== 'paid') throw new Error(`charge ${providerRef} is ${state.status}`);
    return state.payments[0] as NonNullable<(typeof state.payments)[0]>;
  };

  beforeAll(async () => {
    emulator = await startPagBankEmulator({ token: 'pagbank-test-token' });
    inbox = await notificationInbox('/v1/providers/pagbank/pa_pagbank/webhook');
  });
  afterAll(async () => {
    await emulator?.close();
    await inbox?.close();
  });

  it('creates a QR order the PagBank app pays, once per idempotency key, and reads it pending', async () => {
    const charge = await create(1990, 'idem-same');
    expect(charge.providerRef).toMatch(/^ORDE_/);
    expect(parseBRCode(charge.qrCodeText).kind).toBe('dynamic');
    expect((await create(1990, 'idem-same')).providerRef).toBe(charge.providerRef);
    const sent = emulator.received.find((r) => r.method === 'POST' && r.path === '/orders')?.body as {
      qr_codes: Array<{ amount: { value: number }; arrangements: string[] }>;
      notification_urls: string[];
    };
    expect(sent.qr_codes[0]).toMatchObject({ amount: { value: 1990 }, arrangements: ['PAGBANK'] });
    expect(sent.notification_urls).toEqual([inbox.url]);
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account: account() })).toEqual({
      status: 'pending',
    });
  });

  it('reads a payment with its charge id and amount, and accepts its signed notification after a re-read', async () => {
    const { providerRef } = await create(1990);
    const notification = await pay(providerRef);
    const payment = await paymentOf(providerRef);
    expect(payment).toMatchObject({ providerPaymentId: expect.stringMatching(/^CHAR_/), amount: 1990 });
    const events = await adapter.parseNotification({ ...notification, rawBody: notification.raw, account: account() });
    expect(events).toEqual([{ kind: 'payment', providerRef, payment }]);
  });

  it('refuses a forged notification: other bytes, another token, no signature', async () => {
    const { providerRef } = await create(1990);
    const { headers, raw } = await pay(providerRef);
    const parse = (h: Record<string, string>, rawBody: Buffer, config = {}) =>
      adapter.parseNotification({ headers: h, rawBody, account: account(config) });
    const reprinted = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 1));
    await expect(parse(headers, reprinted)).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
    await expect(parse(headers, raw, { token: 'another-token' })).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
    const { 'x-authenticity-token': _, ...unsigned } = headers;
    await expect(parse(unsigned, raw)).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
  });

  it('records what was paid when the payer pays another amount', async () => {
    const { providerRef } = await create(1990);
    await pay(providerRef, { amount: 1500 });
    expect((await paymentOf(providerRef)).amount).toBe(1500);
  });

  it('cancels without a call: PagBank cannot withdraw an unpaid QR order, it lets it expire', async () => {
    const { providerRef } = await create(1990);
    const calls = emulator.received.length;
    await adapter.cancelCharge({ providerRef, account: account() });
    expect(emulator.received.length).toBe(calls);
  });

  it('refunds in part, then the rest, once per refund id, and refuses more than was paid', async () => {
    const { providerRef } = await create(1990);
    await pay(providerRef);
    const { providerPaymentId: paymentId } = await paymentOf(providerRef);
    const refund = (refundId: string, amount: number) =>
      adapter.refund({ providerRef, paymentId, refundId, amount, account: account() });
    expect(await refund('rfd_1', 500)).toEqual({ status: 'succeeded' });
    expect(await refund('rfd_1', 500)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.getCharge(paymentId).amount.summary.refunded).toBe(500);
    expect(await refund('rfd_2', 490)).toEqual({ status: 'succeeded' });
    await expect(refund('rfd_3', 1001)).rejects.toMatchObject({ name: 'ProviderRejected' });
    expect(await refund('rfd_4', 1000)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.getCharge(paymentId).status).toBe('CANCELED');
    // Given back in full, the payment still stands.
    expect((await paymentOf(providerRef)).amount).toBe(1990);
  });

  it('takes a refund the payer side refuses as refused by the provider', async () => {
    const { providerRef } = await create(1990);
    await pay(providerRef, { failRefunds: true });
    const { providerPaymentId: paymentId } = await paymentOf(providerRef);
    await expect(
      adapter.refund({ providerRef, paymentId, refundId: 'rfd_x', amount: 100, account: account() }),
    ).rejects.toMatchObject({ name: 'ProviderRejected' });
  });

  it('calls a 5xx or a slow PagBank unavailable, and retries reads until it answers', async () => {
    const { providerRef } = await create(1990);
    emulator.fail({ status: 503 });
    await expect(adapter.getCharge({ providerRef, account: account() })).rejects.toMatchObject({
      name: 'ProviderUnavailable',
    });
    emulator.fail({ delayMs: 1300, match: '^GET /orders/' });
    await expect(adapter.getCharge({ providerRef, account: account() })).rejects.toMatchObject({
      name: 'ProviderUnavailable',
    });
    emulator.fail({ status: 502, times: 1 });
    expect(await adapter.getCharge({ providerRef, account: account() })).toEqual({ status: 'pending' });
    emulator.heal();
  });

  it('tests the connection with one harmless read, and names bad credentials', async () => {
    await expect(adapter.testConnection?.(account())).resolves.toBeUndefined();
    await expect(adapter.testConnection?.(account({ token: 'wrong' }))).rejects.toMatchObject({
      name: 'ProviderAuthFailed',
    });
  });
});
