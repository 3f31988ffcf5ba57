import { describe, expect, it } from 'vitest';
import { AmeError } from './errors.js';
import { AmeLedger } from './ledger.js';

const ledger = () =>
  new AmeLedger({ baseUrl: () => 'http://127.0.0.1:9/api', now: () => new Date('2026-06-01T12:00:00Z') });
const ORDER = {
  title: 'ord_1',
  description: 'Padaria',
  amount: 1990,
  type: 'PAYMENT',
  currency: 'BRL',
  attributes: {
    cashbackAmountValue: 0,
    transactionChangedCallbackUrl: 'http://127.0.0.1:8/v1/providers/ame/pac_1/webhook?secret=s',
    items: [{ description: 'Pão', quantity: 2, amount: 1990 }],
  },
};

const errorOf = (fn: () => unknown): Record<string, unknown> => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AmeError) return { status: err.status, ...err.toJSON() };
    throw err;
  }
  throw new Error('no error raised');
};

describe('Ame emulator ledger', () => {
  it('creates orders in integer centavos with a QR link and a deep link, refusing anything else', () => {
    const l = ledger();
    const order = l.createOrder(ORDER);
    expect(order).toMatchObject({ amount: 1990, status: 'CREATED', type: 'PAYMENT' });
    expect(order.qrCodeLink).toBe(`http://127.0.0.1:9/api/qrcode/${order.id}`);
    expect(order.deepLink).toContain(order.id);
    expect(errorOf(() => l.createOrder({ ...ORDER, amount: 19.9 }))).toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
    expect(errorOf(() => l.createOrder({ ...ORDER, attributes: {} }))).toMatchObject({ status: 400 });
    expect(errorOf(() => l.getOrder('nope'))).toMatchObject({ status: 404, error: 'not_found' });
  });

  it('holds a payment until captured, captures it once and refuses the second capture', () => {
    const l = ledger();
    const order = l.createOrder(ORDER);
    const payment = l.pay(order.id);
    expect(payment).toMatchObject({ status: 'AUTHORIZED', amount: 1990, attributes: { orderId: order.id } });
    expect(l.capture(payment.id).status).toBe('SUCCESS');
    expect(errorOf(() => l.capture(payment.id))).toMatchObject({ status: 400, error: 'invalid_operation' });
    expect([l.captures, l.captureAttempts]).toEqual([1, 2]);
    expect(l.getOrder(order.id).status).toBe('SUCCESS');
    expect(errorOf(() => l.pay(order.id))).toMatchObject({ error: 'invalid_operation' });
  });

  it('cancels a held payment (again harmlessly) but never a captured one', () => {
    const l = ledger();
    const held = l.pay(l.createOrder(ORDER).id);
    expect(l.cancel(held.id).status).toBe('CANCELED');
    expect(l.cancel(held.id).status).toBe('CANCELED');
    expect(errorOf(() => l.capture(held.id))).toMatchObject({ status: 400 });
    const captured = l.pay(l.createOrder(ORDER).id);
    l.capture(captured.id);
    expect(errorOf(() => l.cancel(captured.id))).toMatchObject({ status: 400 });
  });

  it('takes several partial refunds by the caller id, repeats answered alike, the sum bounded', () => {
    const l = ledger();
    const payment = l.pay(l.createOrder(ORDER).id);
    expect(errorOf(() => l.refund(payment.id, 'rfd_0', { amount: 100 }))).toMatchObject({ status: 400 });
    l.capture(payment.id);
    expect(l.refund(payment.id, 'rfd_1', { amount: 990 })).toMatchObject({ id: 'rfd_1', status: 'HOLD' });
    expect(l.refund(payment.id, 'rfd_1', { amount: 990 })).toMatchObject({ id: 'rfd_1', amount: 990 });
    expect(errorOf(() => l.refund(payment.id, 'rfd_1', { amount: 5 }))).toMatchObject({ error: 'conflict' });
    expect(errorOf(() => l.refund(payment.id, 'rfd_2', { amount: 1001 }))).toMatchObject({
      error: 'refund_amount_exceeded',
    });
    l.settleRefund(payment.id, 'rfd_1');
    l.refund(payment.id, 'rfd_2', { amount: 1000 });
    const done = l.settleRefund(payment.id, 'rfd_2');
    expect(done).toMatchObject({ status: 'REFUNDED', amountRefunded: 1990 });
    expect(l.getOrder(done.attributes.orderId).status).toBe('REFUNDED');
  });

  it('denies refunds of a payment made to fail them, and plays denied payments', () => {
    const l = ledger();
    const order = l.createOrder(ORDER);
    expect(l.pay(order.id, { deny: true }).status).toBe('DENIED');
    const payment = l.pay(order.id, { refunds: 'fail', amount: 500 });
    expect(payment.amount).toBe(500);
    l.capture(payment.id);
    expect(l.refund(payment.id, 'rfd_1', { amount: 500 }).status).toBe('DENIED');
  });
});
