import { describe, expect, it } from 'vitest';
import { PagBankLedger } from './ledger.js';
import { PagBankError } from './problems.js';

const ledger = () =>
  new PagBankLedger({
    host: () => '127.0.0.1:9',
    merchantName: 'PADARIA',
    merchantCity: 'SAO PAULO',
    now: () => new Date('2026-12-01T13:00:00Z'),
  });
const body = (value: unknown = 1990) => ({
  reference_id: 'ord_1',
  items: [{ name: 'Café', quantity: 1, unit_amount: 1990 }],
  qr_codes: [{ amount: { value }, arrangements: ['PAGBANK'], expiration_date: '2026-12-01T10:15:00-03:00' }],
  notification_urls: ['http://127.0.0.1:9/hook'],
});
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof PagBankError) return { status: err.status, code: err.code, parameter: err.parameterName };
    throw err;
  }
  throw new Error('not refused');
};

describe('PagBank emulator ledger', () => {
  it('refuses what PagBank refuses, in its codes', () => {
    const l = ledger();
    expect(refusal(() => l.createOrder({ ...body(), reference_id: undefined }))).toEqual({
      status: 400,
      code: '40001',
      parameter: 'reference_id',
    });
    expect(refusal(() => l.createOrder(body(19.9)))).toMatchObject({ code: '40002' });
    expect(refusal(() => l.createOrder({ ...body(), qr_codes: [] }))).toMatchObject({ parameter: 'qr_codes' });
    expect(refusal(() => l.getOrder('ORDE_X'))).toMatchObject({ status: 404 });
  });

  it('takes one payment per QR, writes Brasília times, and cancels no more than what is left', () => {
    const l = ledger();
    const order = l.createOrder(body());
    expect(order.qr_codes[0]?.expiration_date).toBe('2026-12-01T10:15:00.000-03:00');
    l.decline(order.id);
    const [declined, charge] = l.pay(order.id).charges;
    expect(declined?.status).toBe('DECLINED');
    expect(charge).toMatchObject({ status: 'PAID', paid_at: '2026-12-01T10:00:00.000-03:00' });
    expect(refusal(() => l.pay(order.id))).toMatchObject({ code: '40002' });
    const id = charge?.id ?? '';
    expect(l.cancelCharge(id, { amount: { value: 990 } }).status).toBe('PAID');
    expect(refusal(() => l.cancelCharge(id, { amount: { value: 1001 } }))).toMatchObject({ code: '40002' });
    expect(l.cancelCharge(id, {}).amount.summary).toEqual({ total: 1990, paid: 1990, refunded: 1990 });
    expect(l.getCharge(id).status).toBe('CANCELED');
    expect(l.orderAt(`127.0.0.1:9/pix/v2/${order.qr_codes[0]?.id}`).id).toBe(order.id);
    expect(l.orderByReference('ord_1').id).toBe(order.id);
  });
});
