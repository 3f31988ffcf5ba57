import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderUnavailable } from '../types.js';
import {
  CHARGE_STATUS_MEANING,
  chargeOf,
  chargeStateOf,
  expirationDateOf,
  orderRequest,
  PAGBANK_CHARGE_STATUSES,
  type PagBankChargeStatus,
  readOrder,
  refundStateOf,
} from './mapper.js';

const charge = (status: PagBankChargeStatus, summary?: { paid: number; refunded: number }) => ({
  id: 'CHAR_1',
  status,
  created_at: '2026-12-01T10:00:00.000-03:00',
  paid_at: '2026-12-01T10:01:00.000-03:00',
  amount: { value: 1990, currency: 'BRL', ...(summary ? { summary: { total: 1990, ...summary } } : {}) },
});
const order = (...charges: unknown[]) => readOrder({ id: 'ORDE_1', qr_codes: [], charges });

describe('PagBank charge statuses', () => {
  it('maps every status PagBank documents to exactly one meaning, and nothing else', () => {
    expect(Object.keys(CHARGE_STATUS_MEANING).sort()).toEqual([...PAGBANK_CHARGE_STATUSES].sort());
    const byMeaning = (meaning: string) => PAGBANK_CHARGE_STATUSES.filter((s) => CHARGE_STATUS_MEANING[s] === meaning);
    expect(byMeaning('pending')).toEqual(['WAITING', 'IN_ANALYSIS', 'AUTHORIZED']);
    expect(byMeaning('paid')).toEqual(['PAID']);
    expect(byMeaning('refunded')).toEqual(['CANCELED']);
    expect(byMeaning('declined')).toEqual(['DECLINED']);
  });

  it('reads each status into the order state it means', () => {
    const expected: Record<PagBankChargeStatus, 'pending' | 'paid'> = {
      WAITING: 'pending',
      IN_ANALYSIS: 'pending',
      AUTHORIZED: 'pending',
      DECLINED: 'pending',
      PAID: 'paid',
      CANCELED: 'paid',
    };
    for (const status of PAGBANK_CHARGE_STATUSES) {
      const summary = status === 'CANCELED' ? { paid: 1990, refunded: 1990 } : undefined;
      expect(chargeStateOf(order(charge(status, summary))).status, status).toBe(expected[status]);
    }
  });

  it('refuses a status it does not know rather than guessing', () => {
    expect(() => order(charge('EXPIRED' as PagBankChargeStatus))).toThrow(ProviderUnavailable);
  });

  it('takes a paid charge as a payment of what was paid, refunded or not', () => {
    const state = chargeStateOf(order(charge('PAID', { paid: 1990, refunded: 500 })));
    expect(state).toEqual({
      status: 'paid',
      payments: [{ providerPaymentId: 'CHAR_1', amount: 1990, paidAt: new Date('2026-12-01T13:01:00Z'), payer: {} }],
    });
  });

  it('does not take a cancelled card hold (nothing paid) or a declined attempt as a payment', () => {
    expect(chargeStateOf(order(charge('CANCELED', { paid: 0, refunded: 0 }), charge('DECLINED')))).toEqual({
      status: 'pending',
    });
  });

  it('calls a cancellation answered PAID or CANCELED a refund done', () => {
    expect(refundStateOf(charge('PAID', { paid: 1990, refunded: 500 }) as never)).toEqual({ status: 'succeeded' });
    expect(refundStateOf(charge('CANCELED', { paid: 1990, refunded: 1990 }) as never)).toEqual({
      status: 'succeeded',
    });
    expect(refundStateOf(charge('WAITING') as never).status).toBe('failed');
  });
});

describe('PagBank money', () => {
  it('sends centavos as integers, unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (amount) => {
        const body = orderRequest(request(amount)) as { qr_codes: Array<{ amount: { value: number } }> };
        expect(body.qr_codes[0]?.amount.value).toBe(amount);
      }),
    );
  });

  it('refuses an amount with a fraction of a centavo, or negative, rather than rounding it', () => {
    for (const value of [19.9, 0.5, -1, Number.NaN])
      expect(() => order({ ...charge('PAID'), amount: { value } }), String(value)).toThrow(ProviderUnavailable);
  });
});

describe('PagBank order request', () => {
  it('hands out the QR only for the amount asked', () => {
    const answered = readOrder({
      id: 'ORDE_1',
      qr_codes: [{ id: 'QRCO_1', text: '000201…', amount: { value: 1990 } }],
    });
    expect(chargeOf(answered, 1990)).toEqual({ providerRef: 'ORDE_1', qrCodeText: '000201…', deepLink: null });
    expect(() => chargeOf(answered, 1500)).toThrow(/not 1500/);
    expect(() => chargeOf(readOrder({ id: 'ORDE_2', qr_codes: [] }), 1990)).toThrow(/without a QR/);
  });

  it('asks for one QR the PagBank app pays, expiring with the order, notifying the account route', () => {
    expect(orderRequest(request(1990))).toEqual({
      reference_id: 'ord_01',
      items: [{ reference_id: 'SKU-1', name: 'Café', quantity: 2, unit_amount: 995 }],
      qr_codes: [
        { amount: { value: 1990 }, expiration_date: '2026-12-01T10:15:00.000-03:00', arrangements: ['PAGBANK'] },
      ],
      notification_urls: ['http://127.0.0.1:3000/v1/providers/pagbank/pa_1/webhook'],
    });
  });

  it('writes expiration dates in Brasília time that name the same instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => {
        expect(new Date(expirationDateOf(at)).getTime()).toBe(at.getTime());
      }),
    );
  });
});

function request(amount: number) {
  return {
    orderId: 'ord_01',
    orderRef: 'PDV-1',
    storeId: 'sto_1',
    tillId: 'til_1',
    notificationUrl: 'http://127.0.0.1:3000/v1/providers/pagbank/pa_1/webhook',
    wallet: 'pagbank' as const,
    amount,
    items: [{ title: 'Café', quantity: 2, unit_amount: 995, sku: 'SKU-1' }],
    expiresAt: new Date('2026-12-01T13:15:00Z'),
    expiresInSeconds: 900,
    description: 'PDV-1',
  };
}
