import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { ProviderAuthFailed, ProviderRejected } from '../types.js';
import type { CieloAccount } from './account.js';
import { readSale, type Sale } from './mapper.js';
import { readNotification } from './notifications.js';

const PAYMENT_ID = '5d7e8fd3-70b6-4a88-9660-e064d72fdcdd';
const account: CieloAccount = {
  id: 'pac_1',
  environment: 'test',
  config: {
    merchant_id: '8937bd5b-9796-494d-9fe5-f76b3e4da633',
    merchant_key: 'k'.repeat(40),
    notification_header: 'X-Tillgate-Cielo',
    notification_token: 'a-registered-static-token',
  },
  transactionalUrl: 'http://127.0.0.1:1',
  queryUrl: 'http://127.0.0.1:1',
  pixProvider: 'Cielo2',
};
const paid: Sale = readSale({
  MerchantOrderId: 'X',
  Payment: {
    PaymentId: PAYMENT_ID,
    Type: 'Pix',
    Amount: 990,
    Status: 2,
    EndToEndId: 'E1',
    ReceivedDate: '2026-12-01 09:00:00',
  },
});
const log = pino({ level: 'silent' });
const raw = (body: unknown) => Buffer.from(JSON.stringify(body));

describe('Cielo notifications', () => {
  it('accepts the registered header over the exact raw bytes, then trusts only the sale read back', async () => {
    const read = vi.fn(async () => paid);
    // The body claims nothing but a PaymentId; whatever else it says is ignored.
    const body = Buffer.from(`{"PaymentId":"${PAYMENT_ID}","ChangeType":"1","Status":11,"Amount":1}`);
    const events = await readNotification(
      { headers: { 'x-tillgate-cielo': 'a-registered-static-token' }, rawBody: body, account },
      read,
      log,
    );
    expect(read).toHaveBeenCalledWith(PAYMENT_ID);
    expect(events).toEqual([
      {
        kind: 'payment',
        providerRef: PAYMENT_ID,
        payment: { providerPaymentId: 'E1', amount: 990, paidAt: new Date('2026-12-01T12:00:00Z'), payer: {} },
      },
    ]);
  });

  it('refuses a forged notification (wrong or missing header) before reading anything', async () => {
    const read = vi.fn(async () => paid);
    const body = raw({ PaymentId: PAYMENT_ID, ChangeType: 1 });
    const forged: Record<string, string>[] = [
      { 'x-tillgate-cielo': 'a-registered-static-tokeN' },
      { 'x-tillgate-cielo': 'short' },
      {},
    ];
    for (const headers of forged)
      await expect(readNotification({ headers, rawBody: body, account }, read, log)).rejects.toThrow(
        ProviderAuthFailed,
      );
    expect(read).not.toHaveBeenCalled();
  });

  it('has no timestamp to be stale by: a replay is read back, and answers what Cielo says now', async () => {
    const body = raw({ PaymentId: PAYMENT_ID, ChangeType: 1 });
    const headers = { 'X-Tillgate-Cielo': 'a-registered-static-token' };
    expect(await readNotification({ headers, rawBody: body, account }, async () => undefined, log)).toEqual([]);
    const pending = readSale({
      MerchantOrderId: 'X',
      Payment: { PaymentId: PAYMENT_ID, Type: 'Pix', Amount: 990, Status: 12 },
    });
    expect(await readNotification({ headers, rawBody: body, account }, async () => pending, log)).toEqual([]);
  });

  it('refuses a body that is not a Cielo notification', async () => {
    const headers = { 'x-tillgate-cielo': 'a-registered-static-token' };
    for (const body of [
      Buffer.from('not json'),
      raw({ ChangeType: 1 }),
      raw({ PaymentId: PAYMENT_ID, ChangeType: 'x' }),
    ])
      await expect(readNotification({ headers, rawBody: body, account }, async () => paid, log)).rejects.toThrow(
        ProviderRejected,
      );
  });
});
