import { describe, expect, it } from 'vitest';
import { centavosOf, PicPayError, PicPayLedger, reaisOf } from './ledger.js';

const create = (ledger: PicPayLedger, referenceId = 'ord_1', value = 20.5) =>
  ledger.create({ referenceId, callbackUrl: 'http://127.0.0.1:9/cb', value, buyer: { document: '000.000.000-00' } });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof PicPayError) return { status: err.status, message: err.errors?.[0]?.message ?? err.message };
    throw err;
  }
  throw new Error('not refused');
};

describe('PicPay emulator ledger', () => {
  it('reads and writes reais as JSON numbers exactly', () => {
    expect([centavosOf(20.51), centavosOf(10), centavosOf(0.5), centavosOf(10.505), centavosOf('1.00')]).toEqual([
      2051,
      1000,
      50,
      undefined,
      undefined,
    ]);
    expect([reaisOf(2051), reaisOf(1005), reaisOf(1000), reaisOf(1)]).toEqual([20.51, 10.05, 10, 0.01]);
  });

  it('keeps one order per referenceId and refuses what the API reference refuses', () => {
    const ledger = new PicPayLedger();
    create(ledger);
    expect(refusal(() => create(ledger))).toMatchObject({ status: 422, message: /reference id/ });
    expect(refusal(() => create(ledger, 'ord_2', 1.001))).toMatchObject({ status: 422 });
    expect(refusal(() => ledger.create({ referenceId: 'ord_3', callbackUrl: 'http://x', value: 1 }))).toMatchObject({
      message: /buyer.document/,
    });
  });

  it('pays once, refunds in parts up to what was paid, then reads refunded', () => {
    const ledger = new PicPayLedger();
    create(ledger);
    const { authorizationId } = ledger.pay('ord_1');
    expect(refusal(() => ledger.pay('ord_1'))).toMatchObject({ status: 422 });
    expect(refusal(() => ledger.refund('ord_1', { authorizationId: 'other', amount: 1 }))).toMatchObject({
      message: /authorization/,
    });
    ledger.refund('ord_1', { authorizationId, amount: 5.5 });
    expect(ledger.get('ord_1')).toMatchObject({ status: 'paid', refunded: 550 });
    expect(refusal(() => ledger.refund('ord_1', { authorizationId, amount: 15.01 }))).toMatchObject({
      message: /maior/,
    });
    ledger.refund('ord_1', { authorizationId, amount: 15 });
    expect(ledger.get('ord_1')).toMatchObject({ status: 'refunded', refunded: 2050 });
    expect(refusal(() => ledger.refund('ord_1', { authorizationId, amount: 1 }))).toMatchObject({
      message: /totalmente/,
    });
  });

  it('expires an unpaid order on cancellation, once; a payer racing it still pays (a late payment)', () => {
    const ledger = new PicPayLedger();
    create(ledger);
    expect(ledger.cancel('ord_1', '').status).toBe('expired');
    expect(refusal(() => ledger.cancel('ord_1', ''))).toMatchObject({ status: 422 });
    expect(ledger.pay('ord_1').status).toBe('paid');
  });

  it('refuses refunds of a payer whose refunds fail', () => {
    const ledger = new PicPayLedger();
    create(ledger);
    const { authorizationId } = ledger.pay('ord_1', { refunds: 'fail' });
    expect(refusal(() => ledger.refund('ord_1', { authorizationId }))).toMatchObject({ status: 422 });
  });
});
