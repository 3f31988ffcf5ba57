import { describe, expect, it } from 'vitest';
import { chargeRefusal, type ProviderLimits, refundRefusal } from './capabilities.js';

const limits: ProviderLimits = {
  partialRefunds: false,
  maxRefunds: 1,
  refundWindowDays: 30,
  minAmount: 100,
  maxAmount: 50_000,
  maxExpiresInSeconds: 900,
};
const paidAt = new Date('2026-06-01T12:00:00Z');
const days = (n: number) => new Date(paidAt.getTime() + n * 86_400_000);

describe('capability rules', () => {
  it.each([
    [99, 600, 'amount_below_minimum', 'amount'],
    [50_001, 600, 'amount_above_maximum', 'amount'],
    [100, 901, 'validation_failed', 'expires_in'],
  ])('refuses a charge of %i for %i s with %s on %s', (amount, expiresInSeconds, code, field) => {
    expect(chargeRefusal(limits, { amount, expiresInSeconds })).toMatchObject({ code, field });
  });

  it('takes a charge at the bounds, and any amount where no maximum is set', () => {
    expect(chargeRefusal(limits, { amount: 100, expiresInSeconds: 900 })).toBeUndefined();
    expect(chargeRefusal(limits, { amount: 50_000, expiresInSeconds: 1 })).toBeUndefined();
    expect(chargeRefusal({ ...limits, maxAmount: null }, { amount: 10 ** 9, expiresInSeconds: 1 })).toBeUndefined();
  });

  it.each([
    ['a partial refund where none exists', { amount: 500 }, 'refund_not_supported'],
    ['a refund beyond maxRefunds', { refundsSoFar: 1 }, 'refund_not_supported'],
    ['a refund past the window', { now: days(30.01) }, 'refund_window_closed'],
  ])('refuses %s', (_what, change, code) => {
    const refund = { amount: 1000, paidAmount: 1000, refundsSoFar: 0, paidAt, now: days(1), ...change };
    expect(refundRefusal(limits, refund)?.code).toBe(code);
  });

  it('takes a whole refund on the window’s last day, and partial ones where the provider allows', () => {
    expect(
      refundRefusal(limits, { amount: 1000, paidAmount: 1000, refundsSoFar: 0, paidAt, now: days(30) }),
    ).toBeUndefined();
    const open = { ...limits, partialRefunds: true, maxRefunds: null, refundWindowDays: null };
    expect(
      refundRefusal(open, { amount: 1, paidAmount: 1000, refundsSoFar: 9, paidAt, now: days(999) }),
    ).toBeUndefined();
  });
});
