import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../store/orders.js';
import { shipayInstant, shipayOrderInfo, shipayStatus, shipayTime } from './wire.js';

const order = (changes: Partial<OrderRecord>): OrderRecord => ({
  id: 'ord_01JZZZZZZZZZZZZZZZZZZZZZZZ',
  merchantId: 'mer_1',
  environment: 'test',
  storeId: 'sto_1',
  tillId: 'till_1',
  orderRef: 'PDV-1',
  wallet: 'pix',
  provider: 'sandbox',
  providerAccountId: 'pac_1',
  providerRef: 'ref',
  status: 'pending',
  amount: 1050,
  paidAmount: 0,
  refundedAmount: 0,
  reservedAmount: 0,
  qrCodeText: '000201',
  deepLink: null,
  items: [],
  buyer: null,
  metadata: {},
  callbackUrl: null,
  payment: null,
  latePayment: null,
  cancelReason: null,
  createdAt: new Date('2026-06-01T15:00:00Z'),
  expiresAt: new Date('2026-06-01T16:00:00Z'),
  paidAt: null,
  ...changes,
});

describe("our statuses in Shipay's words", () => {
  it('tells /orderv orders and refunds in flight apart', () => {
    expect(shipayStatus(order({}), 'order')).toBe('pending');
    expect(shipayStatus(order({}), 'orderv')).toBe('pendingv');
    expect(shipayStatus(order({ status: 'approved', paidAmount: 1050 }), 'order')).toBe('approved');
    expect(shipayStatus(order({ status: 'approved', paidAmount: 1050, reservedAmount: 1050 }), 'order')).toBe(
      'refund_pending',
    );
    const partial = { status: 'partially_refunded' as const, paidAmount: 1050, refundedAmount: 50 };
    expect(shipayStatus(order({ ...partial, reservedAmount: 50 }), 'orderv')).toBe('partial_refunded');
    expect(shipayStatus(order({ ...partial, reservedAmount: 80 }), 'order')).toBe('refund_pending');
    for (const status of ['expired', 'cancelled', 'refunded'] as const)
      expect(shipayStatus(order({ status }), 'orderv')).toBe(status);
  });

  it('answers reais for totals, centavos for the balance, São Paulo times, and expiration_date for /orderv only', () => {
    const paid = order({ status: 'partially_refunded', paidAmount: 1050, refundedAmount: 250, reservedAmount: 250 });
    const link = { orderId: '0b9e4a44-5a0e-4f59-9d4b-6c8a2f3b7c11', tillgateOrderId: paid.id, items: [] };
    const info = shipayOrderInfo({ ...link, kind: 'order' }, paid);
    expect(info).toMatchObject({ total_order: 10.5, paid_amount: 10.5, refunded_amount: 2.5, balance: 800 });
    expect(info.created_at).toBe('2026-06-01T12:00:00');
    expect(info).not.toHaveProperty('expiration_date');
    expect(shipayOrderInfo({ ...link, kind: 'orderv' }, paid)).toMatchObject({
      expiration_date: '2026-06-01T13:00:00',
    });
  });
});

describe('times as Shipay clients write them', () => {
  it('reads São Paulo wall-clock time, a bare day, or an instant with its offset', () => {
    expect(shipayInstant('2026-06-01T12:00:00')?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
    expect(shipayInstant('2026-06-01 12:00')?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
    expect(shipayInstant('2026-06-01')?.toISOString()).toBe('2026-06-01T03:00:00.000Z');
    expect(shipayInstant('2026-06-01T12:00:00Z')?.toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(shipayInstant('2026-06-01T12:00:00-03:00')?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
    expect(shipayTime(new Date('2026-06-01T15:00:00Z'))).toBe('2026-06-01T12:00:00');
    expect(shipayTime(null)).toBeNull();
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'ontem', '2026-13-01', '2026-02-30', '2026-06-01T25:00:00', '1717250000', '01/06/2026'])
      expect(shipayInstant(bad), bad).toBeUndefined();
  });
});
