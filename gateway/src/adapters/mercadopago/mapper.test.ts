import { describe, expect, it } from 'vitest';
import type { ChargeRequest } from '../types.js';
import { ProviderRejected, ProviderUnavailable } from '../types.js';
import {
  chargeOf,
  chargeStateOf,
  eventsOf,
  expirationTimeOf,
  externalPosIdOf,
  externalStoreIdOf,
  type MercadopagoOrder,
  ORDER_STATUS,
  orderRequest,
  PAYMENT_STATUS,
  REFUND_STATUS,
  readOrder,
  refundIn,
  refundRequest,
  refundStateOf,
} from './mapper.js';

const order = (over: Record<string, unknown> = {}): unknown => ({
  id: 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3',
  type: 'qr',
  status: 'created',
  status_detail: 'created',
  external_reference: 'ord_01JQ4S4KY8HWQ6NA5PXB65B3D3',
  total_amount: '19.90',
  created_date: '2026-12-01T04:00:00.000Z',
  last_updated_date: '2026-12-01T04:01:00.000Z',
  type_response: { qr_data: '00020101021226940014BR.GOV.BCB.PIX…6304B61D' },
  transactions: { payments: [{ id: 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4', amount: '19.90', status: 'created' }] },
  ...over,
});

const paid = (payment: Record<string, unknown> = {}, over: Record<string, unknown> = {}): MercadopagoOrder =>
  readOrder(
    order({
      status: 'processed',
      transactions: {
        payments: [
          {
            id: 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4',
            amount: '19.90',
            paid_amount: '19.90',
            status: 'processed',
            ...payment,
          },
        ],
      },
      ...over,
    }),
  );

describe('Mercado Pago status tables', () => {
  it('maps every order status to exactly one of ours', () => {
    const ours = {
      pending: ['created', 'processing', 'action_required', 'at_terminal'],
      paid: ['processed', 'refunded', 'charged_back'],
      cancelled: ['expired', 'canceled', 'cancelled', 'failed'],
    };
    const listed = Object.values(ours).flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.keys(ORDER_STATUS).sort()).toEqual([...listed].sort());
    for (const [status, theirs] of Object.entries(ours).flatMap(([o, list]) => list.map((t) => [o, t] as const))) {
      const state = chargeStateOf(readOrder(order({ status: theirs, transactions: paid().transactions })));
      expect(state.status, theirs).toBe(status);
    }
  });

  it('maps every payment and refund status, and refuses a status it does not know', () => {
    expect(Object.values(PAYMENT_STATUS).every((s) => ['pending', 'paid', 'cancelled'].includes(s))).toBe(true);
    expect(Object.keys(PAYMENT_STATUS)).toEqual(expect.arrayContaining(Object.keys(ORDER_STATUS)));
    for (const [status, ours] of Object.entries(REFUND_STATUS))
      expect(refundStateOf({ id: 'REF1', amount: '1.00', status: status as keyof typeof REFUND_STATUS }).status).toBe(
        ours,
      );
    expect(() => readOrder(order({ status: 'opened' }))).toThrow(ProviderUnavailable);
  });
});

describe('Mercado Pago money', () => {
  it('reads decimal reais exactly, with two decimals or none', () => {
    expect(chargeStateOf(paid({ paid_amount: '19.9' }))).toMatchObject({ payments: [{ amount: 1990 }] });
    expect(chargeStateOf(paid({ paid_amount: '20' }))).toMatchObject({ payments: [{ amount: 2000 }] });
    expect(chargeStateOf(paid({ paid_amount: undefined, amount: '0.01' }))).toMatchObject({
      payments: [{ amount: 1 }],
    });
  });

  it('refuses an amount with more than two decimals rather than rounding it', () => {
    expect(() => chargeStateOf(paid({ paid_amount: '19.905' }))).toThrow(ProviderUnavailable);
  });

  it('writes centavos as reais text', () => {
    const request = orderRequest(chargeRequest({ amount: 1990 }));
    expect(request).toMatchObject({ total_amount: '19.90', transactions: { payments: [{ amount: '19.90' }] } });
  });
});

describe('Mercado Pago requests', () => {
  it('creates a dynamic QR order at the till’s POS, under our order id', () => {
    expect(orderRequest(chargeRequest())).toEqual({
      type: 'qr',
      total_amount: '10.05',
      description: 'Pedido 42',
      external_reference: 'ord_01JQ4S4KY8HWQ6NA5PXB65B3D3',
      expiration_time: 'PT15M',
      config: { qr: { external_pos_id: 'till01JQ4S4KY8HWQ6NA5PXB65B3D9', mode: 'dynamic' } },
      transactions: { payments: [{ amount: '10.05' }] },
    });
  });

  it('asks for the till’s QR mode at a till with a printed QR', () => {
    const fixedQr = { locationRef: '2711382', qrCodeText: '000201…', mode: 'static' as const };
    expect(orderRequest(chargeRequest({ fixedQr }))).toMatchObject({
      config: { qr: { external_pos_id: 'till01JQ4S4KY8HWQ6NA5PXB65B3D9', mode: 'static' } },
    });
    expect(orderRequest(chargeRequest({ fixedQr: { ...fixedQr, mode: 'hybrid' } }))).toMatchObject({
      config: { qr: { mode: 'hybrid' } },
    });
  });

  it('maps a store to a Mercado Pago store external id of letters and digits', () => {
    expect(externalStoreIdOf('sto_01JQ4S4KY8HWQ6NA5PXB65B3D8')).toBe('sto01JQ4S4KY8HWQ6NA5PXB65B3D8');
    expect(() => externalStoreIdOf('-')).toThrow(ProviderRejected);
  });

  it('maps a till to a POS external id of letters and digits', () => {
    expect(externalPosIdOf('till_01JQ4S4KY8HWQ6NA5PXB65B3D9')).toBe('till01JQ4S4KY8HWQ6NA5PXB65B3D9');
    expect(() => externalPosIdOf('___')).toThrow(ProviderRejected);
    expect(() => externalPosIdOf(`till_${'x'.repeat(40)}`)).toThrow(ProviderRejected);
  });

  it('writes expiry as an ISO-8601 duration of at least 30 seconds', () => {
    expect(expirationTimeOf(900)).toBe('PT15M');
    expect(expirationTimeOf(3600)).toBe('PT1H');
    expect(expirationTimeOf(3725)).toBe('PT1H2M5S');
    expect(expirationTimeOf(5)).toBe('PT30S');
  });

  it('refunds in full with an empty body, in part naming the payment', () => {
    const payment = paid().transactions?.payments?.[0];
    if (!payment) throw new Error('no payment');
    expect(refundRequest(payment, 1990)).toBeUndefined();
    expect(refundRequest(payment, 500)).toEqual({ transactions: [{ id: payment.id, amount: '5.00' }] });
    // What is left after a partial is a partial too: the API wants less than the payment.
    expect(refundRequest({ ...payment, refunded_amount: '5.00' }, 1490)).toEqual({
      transactions: [{ id: payment.id, amount: '14.90' }],
    });
  });
});

describe('Mercado Pago answers', () => {
  it('hands out the EMVCo text as the QR, with no deep link', () => {
    expect(chargeOf(readOrder(order()))).toEqual({
      providerRef: 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3',
      qrCodeText: '00020101021226940014BR.GOV.BCB.PIX…6304B61D',
      deepLink: null,
    });
    expect(() => chargeOf(readOrder(order({ type_response: {} })))).toThrow(ProviderRejected);
  });

  it('shows the printed code for a static order, the order’s own for a hybrid one, both the POS’s', () => {
    const printed = { locationRef: '2711382', qrCodeText: 'PRINTED', mode: 'static' as const };
    const ref = 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3';
    const statics = readOrder(order({ type_response: undefined, config: { qr: { mode: 'static' } } }));
    expect(chargeOf(statics, printed)).toEqual({
      providerRef: ref,
      qrCodeText: 'PRINTED',
      deepLink: null,
      linkedRef: ref,
    });
    const hybrid = readOrder(order({ config: { qr: { mode: 'hybrid' } } }));
    expect(chargeOf(hybrid, { ...printed, mode: 'hybrid' })).toMatchObject({
      qrCodeText: '00020101021226940014BR.GOV.BCB.PIX…6304B61D',
      linkedRef: ref,
    });
    // An answer in another mode than asked is not what the till needs.
    expect(() => chargeOf(hybrid, printed)).toThrow(ProviderUnavailable);
  });

  it('finds the refund a call made, and turns refunds carrying our id into events', () => {
    const refunds = [
      { id: 'REF1', transaction_id: 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4', amount: '5.00', status: 'processed' },
      {
        id: 'REF2',
        transaction_id: 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4',
        reference_id: 'rfd_01JQ4S4KY8HWQ6NA5PXB65B3D5',
        amount: '1.00',
        status: 'failed',
      },
      { id: 'REF3', transaction_id: 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4', amount: '2.00', status: 'processing' },
    ];
    const answer = paid({}, { transactions: { ...paid().transactions, refunds } });
    expect(refundIn(answer, 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4', 'rfd_01JQ4S4KY8HWQ6NA5PXB65B3D5')?.id).toBe('REF2');
    expect(refundIn(answer, 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4', 'rfd_other')?.id).toBe('REF3');
    expect(eventsOf(answer)).toEqual([
      {
        kind: 'payment',
        providerRef: 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3',
        payment: {
          providerPaymentId: 'PAY01JQ4S4KY8HWQ6NA5PXB65B3D4',
          amount: 1990,
          paidAt: new Date('2026-12-01T04:01:00.000Z'),
          payer: {},
        },
      },
      {
        kind: 'refund',
        providerRef: 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3',
        refundId: 'rfd_01JQ4S4KY8HWQ6NA5PXB65B3D5',
        state: { status: 'failed', reason: 'Mercado Pago refund REF2: failed' },
      },
    ]);
    expect(eventsOf(readOrder(order()))).toEqual([]);
  });
});

function chargeRequest(over: Partial<ChargeRequest> = {}): ChargeRequest {
  return {
    orderId: 'ord_01JQ4S4KY8HWQ6NA5PXB65B3D3',
    orderRef: 'Pedido 42',
    storeId: 'sto_01JQ4S4KY8HWQ6NA5PXB65B3D8',
    tillId: 'till_01JQ4S4KY8HWQ6NA5PXB65B3D9',
    notificationUrl: 'http://127.0.0.1:1/v1/providers/mercadopago/pac_1/webhook',
    wallet: 'mercadopago',
    amount: 1005,
    items: [],
    expiresAt: new Date('2026-12-01T04:15:00.000Z'),
    expiresInSeconds: 900,
    description: 'Pedido 42',
    ...over,
  };
}
