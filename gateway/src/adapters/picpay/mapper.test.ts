import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChargeRequest } from '../types.js';
import {
  chargeOf,
  chargeStateOf,
  notifiedReference,
  PICPAY_STATUSES,
  paymentRequest,
  readStatus,
  refundRequest,
  STATUS_TABLE,
} from './mapper.js';

const now = new Date('2026-12-01T12:00:00Z');

describe('PicPay status table', () => {
  it('maps every PicPay status to exactly one of ours, and nothing else', () => {
    expect(Object.keys(STATUS_TABLE).sort()).toEqual([...PICPAY_STATUSES].sort());
    const byOurs = {
      pending: ['analysis', 'authorized', 'created'],
      paid: ['chargeback', 'completed', 'paid', 'refunded'],
    };
    for (const [ours, theirs] of Object.entries({ ...byOurs, cancelled: ['expired'] }))
      expect(PICPAY_STATUSES.filter((s) => STATUS_TABLE[s] === ours).sort(), ours).toEqual(theirs);
  });

  it.each(PICPAY_STATUSES)('reads an order in %s as the table says', (status) => {
    const answer = readStatus({
      referenceId: 'ord_1',
      status,
      authorizationId: 'auth-1',
      summary: { authorized: 19.9, paid: 19.9, refunded: 0 },
    });
    const state = chargeStateOf(answer, now);
    expect(state.status).toBe(STATUS_TABLE[status]);
    if (state.status === 'paid')
      expect(state.payments).toEqual([{ providerPaymentId: 'auth-1', amount: 1990, paidAt: now, payer: {} }]);
  });

  it('refuses a status it does not know rather than guess', () => {
    expect(() => readStatus({ referenceId: 'ord_1', status: 'approved' })).toThrow(/cannot read/);
  });

  it('refuses a paid order whose payment it cannot read', () => {
    const answer = readStatus({ referenceId: 'ord_1', status: 'paid', summary: { paid: 10 } });
    expect(() => chargeStateOf(answer, now)).toThrow(/authorizationId/);
  });
});

describe('PicPay money', () => {
  it('reads decimal reais exactly and refuses more than two decimals', () => {
    const read = (paid: number) =>
      chargeStateOf(readStatus({ referenceId: 'r', status: 'paid', authorizationId: 'a', summary: { paid } }), now);
    expect(read(20.51)).toMatchObject({ payments: [{ amount: 2051 }] });
    expect(read(10)).toMatchObject({ payments: [{ amount: 1000 }] });
    expect(read(0.1)).toMatchObject({ payments: [{ amount: 10 }] });
    for (const bad of [10.505, 0.1 + 0.2, -1]) expect(() => read(bad), String(bad)).toThrow(/cannot read/);
  });

  it('writes centavos as the JSON number of the same reais, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), (amount) => {
        const text = JSON.stringify(refundRequest('a', amount));
        const value = (JSON.parse(text) as { amount: number }).amount;
        expect(Math.round(value * 100)).toBe(amount);
        expect(text).not.toMatch(/e|\.\d{3}/);
      }),
    );
    expect(JSON.stringify(refundRequest('auth', 1050))).toBe('{"authorizationId":"auth","amount":10.5}');
  });
});

describe('PicPay requests and answers', () => {
  const order: ChargeRequest = {
    orderId: 'ord_01JABCDEFGHJKMNPQRSTVWXYZ0',
    orderRef: 'R-1',
    storeId: 'sto_1',
    tillId: 'til_1',
    notificationUrl: 'http://127.0.0.1:9/v1/providers/picpay/pac_1/webhook',
    wallet: 'picpay',
    amount: 1990,
    items: [],
    expiresAt: new Date('2026-12-01T12:15:00Z'),
    expiresInSeconds: 900,
    description: 'Pedido R-1 na Loja Centro de Testes',
  };

  it('creates the payment with our order id, the account callback and reais', () => {
    expect(paymentRequest(order, '123.456.789-10')).toEqual({
      referenceId: order.orderId,
      callbackUrl: order.notificationUrl,
      expiresAt: '2026-12-01T12:15:00.000Z',
      value: 19.9,
      purchaseMode: 'in-store',
      softDescriptor: 'Pedido R-1 na Loja Cen',
      buyer: { document: '123.456.789-10' },
      notification: { disablePush: true, disableEmail: true },
    });
  });

  it('hands out the QR content and the checkout link as the deep link', () => {
    const link = 'https://app.picpay.com/checkout/NWFmMGRj';
    expect(chargeOf({ referenceId: 'ord_1', paymentUrl: link, expiresAt: 'x', qrcode: { content: link } })).toEqual({
      providerRef: 'ord_1',
      qrCodeText: link,
      deepLink: link,
    });
    expect(() => chargeOf({ referenceId: 'ord_1', paymentUrl: link })).toThrow(/cannot read/);
  });

  it('reads the order a callback names, and refuses anything else', () => {
    const callback = (body: string) => notifiedReference(Buffer.from(body));
    expect(callback('{"referenceId":"ord_1","authorizationId":"a"}')).toBe('ord_1');
    expect(callback('{"referenceId":"ord_1"}')).toBe('ord_1');
    expect(() => callback('{"authorizationId":"a"}')).toThrow(/referenceId/);
    expect(() => callback('referenceId=ord_1')).toThrow(/not JSON/);
  });
});
