import { describe, expect, it } from 'vitest';
import { ProviderAuthFailed } from '../types.js';
import type { PicPayAccount } from './account.js';
import { readStatus, type StatusAnswer } from './mapper.js';
import { readNotification } from './notifications.js';

const account: PicPayAccount = {
  id: 'pac_1',
  apiUrl: 'http://127.0.0.1:9',
  picpayToken: 'picpay-token',
  sellerToken: '4ef4edbd-5cda-42da-860b-0e8d7b90c784',
  buyerDocument: '000.000.000-00',
  emulatorUrl: undefined,
};
const now = new Date('2026-12-01T12:00:00Z');
const raw = Buffer.from('{"referenceId":"ord_1","authorizationId":"555008cef7f321d00ef236333"}');
const paid = readStatus({
  referenceId: 'ord_1',
  status: 'paid',
  authorizationId: '555008cef7f321d00ef236333',
  summary: { authorized: 12.5, paid: 12.5, refunded: 0 },
});

/** PicPay's answer to the re-read, recording which orders were read. */
function picpay(answer: StatusAnswer | undefined) {
  const read: string[] = [];
  return {
    read,
    status: async (ref: string) => {
      read.push(ref);
      return answer;
    },
  };
}

describe('PicPay callbacks', () => {
  it('accepts a callback with the seller token and acts on the re-read order only', async () => {
    const at = picpay(paid);
    const events = await readNotification(
      { headers: { 'x-seller-token': account.sellerToken }, rawBody: raw, account, now },
      at.status,
    );
    expect(at.read).toEqual(['ord_1']);
    expect(events).toEqual([
      {
        kind: 'payment',
        providerRef: 'ord_1',
        payment: { providerPaymentId: '555008cef7f321d00ef236333', amount: 1250, paidAt: now, payer: {} },
      },
    ]);
  });

  it('refuses a forged, a missing or a differently long token before reading anything', async () => {
    const forged: Array<Record<string, string>> = [
      { 'x-seller-token': '4ef4edbd-5cda-42da-860b-0e8d7b90c785' },
      { 'x-seller-token': `${account.sellerToken} ` },
      { 'x-picpay-token': account.sellerToken },
      {},
    ];
    for (const headers of forged) {
      const at = picpay(paid);
      await expect(readNotification({ headers, rawBody: raw, account, now }, at.status)).rejects.toBeInstanceOf(
        ProviderAuthFailed,
      );
      expect(at.read).toEqual([]);
    }
  });

  it('takes the header whatever its case, as HTTP does', async () => {
    const events = await readNotification(
      { headers: { 'X-Seller-Token': account.sellerToken }, rawBody: raw, account, now },
      picpay(paid).status,
    );
    expect(events).toHaveLength(1);
  });

  it('gives nothing for an order still pending or one PicPay does not know, whatever the body says', async () => {
    const pending = readStatus({ referenceId: 'ord_1', status: 'created' });
    const headers = { 'x-seller-token': account.sellerToken };
    expect(await readNotification({ headers, rawBody: raw, account, now }, picpay(pending).status)).toEqual([]);
    expect(await readNotification({ headers, rawBody: raw, account, now }, picpay(undefined).status)).toEqual([]);
  });

  it('refuses a body that is not a callback', async () => {
    const headers = { 'x-seller-token': account.sellerToken };
    for (const body of ['not json', '{"authorizationId":"a"}'])
      await expect(
        readNotification({ headers, rawBody: Buffer.from(body), account, now }, picpay(paid).status),
      ).rejects.toThrow(/notification/);
  });
});
