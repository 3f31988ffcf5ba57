import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { ProviderAuthFailed, ProviderRejected } from '../types.js';
import { readOrder } from './mapper.js';
import { manifestOf, readNotification, SIGNATURE_TOLERANCE_MS } from './notifications.js';

const SECRET = 'mp-webhook-secret-of-the-account';
const ORDER_ID = 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3';
const NOW = new Date('2026-12-01T04:00:00.000Z');
const TS = String(Math.floor(NOW.getTime() / 1000));

const rawBody = Buffer.from(
  `{"type":"order","action":"order.processed","data":{"id":"${ORDER_ID}"},"live_mode":false,"user_id":"1"}`,
);

/** Signed as the docs show, by hand, so the test does not lean on the code it checks. */
const sign = (manifest: string, secret = SECRET) => createHmac('sha256', secret).update(manifest).digest('hex');

const headers = (v1: string, ts = TS) => ({
  'x-signature': `ts=${ts},v1=${v1}`,
  'x-request-id': 'bb56a2f1-6aae-46ac-982e-9dcd3581d08e',
  'content-type': 'application/json',
});

const validManifest = `id:${ORDER_ID.toLowerCase()};request-id:bb56a2f1-6aae-46ac-982e-9dcd3581d08e;ts:${TS};`;

const paidOrder = readOrder({
  id: ORDER_ID,
  status: 'processed',
  total_amount: '10.00',
  last_updated_date: '2026-12-01T03:59:00.000Z',
  transactions: { payments: [{ id: 'PAY1', amount: '10.00', paid_amount: '10.00', status: 'processed' }] },
});

const read = (input: { headers: Record<string, string>; rawBody?: Buffer }, clock = new ManualClock(NOW)) => {
  const asked: string[] = [];
  const result = readNotification({ rawBody, secret: SECRET, clock, ...input }, async (id) => {
    asked.push(id);
    return paidOrder;
  });
  return { result, asked };
};

describe('Mercado Pago notifications', () => {
  it('builds the manifest the docs give: lowercase id, request id, ts, each ending in a semicolon', () => {
    expect(manifestOf({ dataId: ORDER_ID, requestId: 'r-1', ts: '1704908010' })).toBe(
      `id:${ORDER_ID.toLowerCase()};request-id:r-1;ts:1704908010;`,
    );
    expect(manifestOf({ dataId: ORDER_ID, ts: '1704908010' })).toBe(`id:${ORDER_ID.toLowerCase()};ts:1704908010;`);
  });

  it('accepts a valid signature over the exact bytes, then reads the order back', async () => {
    const { result, asked } = read({ headers: headers(sign(validManifest)) });
    await expect(result).resolves.toEqual([
      {
        kind: 'payment',
        providerRef: ORDER_ID,
        payment: { providerPaymentId: 'PAY1', amount: 1000, paidAt: new Date('2026-12-01T03:59:00.000Z'), payer: {} },
      },
    ]);
    expect(asked).toEqual([ORDER_ID]);
  });

  it('accepts a millisecond ts too (the docs say milliseconds, their example is seconds)', async () => {
    const ms = String(NOW.getTime());
    const manifest = `id:${ORDER_ID.toLowerCase()};request-id:bb56a2f1-6aae-46ac-982e-9dcd3581d08e;ts:${ms};`;
    await expect(read({ headers: headers(sign(manifest), ms) }).result).resolves.toHaveLength(1);
  });

  it('refuses a forged signature and never reads the order', async () => {
    for (const v1 of [sign(validManifest, 'another-secret'), sign(validManifest.replace('id:ord', 'id:ORD')), 'zz']) {
      const { result, asked } = read({ headers: headers(v1) });
      await expect(result).rejects.toBeInstanceOf(ProviderAuthFailed);
      expect(asked).toEqual([]);
    }
    await expect(read({ headers: { 'x-request-id': 'r' } }).result).rejects.toBeInstanceOf(ProviderAuthFailed);
  });

  it('refuses a body changed after signing: the signed id is the one read back', async () => {
    const tampered = Buffer.from(rawBody.toString().replace(ORDER_ID, 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D4'));
    const { result, asked } = read({ headers: headers(sign(validManifest)), rawBody: tampered });
    await expect(result).rejects.toBeInstanceOf(ProviderAuthFailed);
    expect(asked).toEqual([]);
  });

  it('refuses a stale timestamp, however well signed', async () => {
    const clock = new ManualClock(new Date(NOW.getTime() + SIGNATURE_TOLERANCE_MS + 1000));
    const { result, asked } = read({ headers: headers(sign(validManifest)) }, clock);
    await expect(result).rejects.toThrow(/stale/);
    expect(asked).toEqual([]);
  });

  it('refuses a body that is not a notification, and ignores a signed one of another topic', async () => {
    await expect(
      read({ headers: headers(sign(validManifest)), rawBody: Buffer.from('nope') }).result,
    ).rejects.toBeInstanceOf(ProviderRejected);
    const payment = Buffer.from('{"type":"payment","data":{"id":"123456"}}');
    const manifest = `id:123456;request-id:bb56a2f1-6aae-46ac-982e-9dcd3581d08e;ts:${TS};`;
    const { result, asked } = read({ headers: headers(sign(manifest)), rawBody: payment });
    await expect(result).resolves.toEqual([]);
    expect(asked).toEqual([]);
  });
});
