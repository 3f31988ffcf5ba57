import { describe, expect, it } from 'vitest';
import { AME_CAPABILITIES, descriptor } from './index.js';
import {
  AME_STATUSES,
  chargeOf,
  eventsOf,
  PAYMENT_STATUS,
  REFUND_STATUS,
  readOrder,
  readRefund,
  refundStateOf,
} from './mapper.js';

const NOW = new Date('2026-12-01T12:00:00Z');

const order = (transactions: unknown[], status = 'CREATED') =>
  readOrder({ id: 'a0b1', amount: 1990, status, deepLink: 'https://ame.example/pay/a0b1', transactions });

describe('Ame status tables', () => {
  it('give every documented status exactly one meaning, for payments and for refunds', () => {
    expect(Object.keys(PAYMENT_STATUS).sort()).toEqual([...AME_STATUSES].sort());
    expect(Object.keys(REFUND_STATUS).sort()).toEqual([...AME_STATUSES].sort());
    const having = <V>(table: Record<string, V>, verdict: V) =>
      AME_STATUSES.filter((s) => table[s] === verdict).join(' ');
    // Only a held payment is captured; paid is what was captured, whatever its refunds did since.
    expect(having(PAYMENT_STATUS, 'capture')).toBe('AUTHORIZED');
    expect(having(PAYMENT_STATUS, 'paid')).toBe('SUCCESS REFUNDED HOLD');
    expect(having(PAYMENT_STATUS, 'pending')).toBe('CREATED');
    expect(having(PAYMENT_STATUS, 'void')).toBe('CANCELED DENIED ERROR');
    // A refund is done once Ame says so, still going while the banks hold it.
    expect(having(REFUND_STATUS, 'succeeded')).toBe('SUCCESS REFUNDED');
    expect(having(REFUND_STATUS, 'pending')).toBe('CREATED AUTHORIZED HOLD');
    expect(having(REFUND_STATUS, 'failed')).toBe('CANCELED DENIED ERROR');
  });

  it('never reports a held (AUTHORIZED) payment as paid', () => {
    const held = order([{ id: 'tx1', status: 'AUTHORIZED', amount: 1990 }], 'AUTHORIZED');
    expect(eventsOf(held, NOW)).toEqual([]);
  });

  it('reports a captured payment with its amount and its final refunds by our ids', () => {
    const captured = order(
      [
        {
          id: 'tx1',
          status: 'SUCCESS',
          amount: 1990,
          date: '2026-12-01T11:59:00Z',
          refunds: [
            { id: 'rfd_1', amount: 500, status: 'REFUNDED' },
            { id: 'rfd_2', amount: 100, status: 'HOLD' },
            { id: 'rfd_3', amount: 100, status: 'DENIED' },
          ],
        },
      ],
      'SUCCESS',
    );
    expect(eventsOf(captured, NOW)).toEqual([
      {
        kind: 'payment',
        providerRef: 'a0b1',
        payment: { providerPaymentId: 'tx1', amount: 1990, paidAt: new Date('2026-12-01T11:59:00Z'), payer: {} },
      },
      { kind: 'refund', providerRef: 'a0b1', refundId: 'rfd_1', state: { status: 'succeeded' } },
      {
        kind: 'refund',
        providerRef: 'a0b1',
        refundId: 'rfd_3',
        state: { status: 'failed', reason: 'Ame answered the refund DENIED' },
      },
    ]);
    expect(refundStateOf(readRefund({ id: 'rfd_2', amount: 100, status: 'HOLD' }))).toEqual({ status: 'pending' });
  });

  it('refuses a status Ame never documented', () => {
    expect(() => order([], 'PAID')).toThrow(/cannot read/);
  });
});

describe('Ame money', () => {
  it('takes integer centavos as they are', () => {
    expect(readOrder({ id: 'x', amount: 1977, deepLink: 'l' }).amount).toBe(1977);
  });

  it('refuses fractions, negatives and decimal text rather than rounding', () => {
    for (const amount of [19.77, 10.5, 0.001, -1, '19.77', '1977', Number.MAX_SAFE_INTEGER + 2])
      expect(() => readOrder({ id: 'x', amount, deepLink: 'l' }), String(amount)).toThrow(/cannot read/);
    expect(() => readRefund({ id: 'r', amount: 5.5, status: 'REFUNDED' })).toThrow(/cannot read/);
  });
});

describe('Ame charge', () => {
  it('hands out the deep link as the QR and the link, and refuses an order with neither', () => {
    expect(chargeOf(order([]))).toEqual({
      providerRef: 'a0b1',
      qrCodeText: 'https://ame.example/pay/a0b1',
      deepLink: 'https://ame.example/pay/a0b1',
    });
    expect(() => chargeOf(readOrder({ id: 'x', amount: 1 }))).toThrow(/without a QR/);
  });
});

describe('Ame descriptor', () => {
  it('declares the capture step, deep links and repeated partial refunds', () => {
    expect(descriptor.id).toBe('ame');
    expect(descriptor.wallets).toEqual(['ame']);
    expect(AME_CAPABILITIES).toMatchObject({
      captureStep: true,
      deepLinks: true,
      partialRefunds: true,
      staticQr: false,
    });
    // Several partials, bounded only by what was paid; Ame documents no refund window.
    expect([AME_CAPABILITIES.maxRefunds, AME_CAPABILITIES.refundWindowDays]).toEqual([null, null]);
    expect(descriptor.capabilities).toBe(AME_CAPABILITIES);
  });

  it('marks the client secret secret and the emulator address test-only', () => {
    const meta = (name: string) => descriptor.account.shape[name]?.meta();
    expect(meta('client_secret')).toMatchObject({ secret: true, requiredInLive: true });
    expect(meta('client_id')).toMatchObject({ requiredInLive: true });
    expect(meta('base_url')).toMatchObject({ testOnly: true });
    expect(descriptor.unfitForLive?.({ client_id: 'a', client_secret: 'b', base_url: 'http://127.0.0.1:1' })).toMatch(
      /Ame itself/,
    );
    expect(descriptor.unfitForLive?.({ client_id: 'a', client_secret: 'b' })).toBeUndefined();
  });
});
