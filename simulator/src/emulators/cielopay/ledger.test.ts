import { parseBRCode } from '@tillgate/sdk/pix';
import { describe, expect, it } from 'vitest';
import { CieloLedger, cieloDate, STATUS, VoidRefused } from './ledger.js';

const at = new Date('2026-12-01T13:00:00Z');
const ledger = () =>
  new CieloLedger({
    locationBase: () => '127.0.0.1:9',
    merchantName: 'LOJA',
    merchantCity: 'SAO PAULO',
    now: () => at,
  });
const open = (l: CieloLedger, amount = 1000) =>
  l.open({ merchantId: 'm1', merchantOrderId: 'ORDER1', provider: 'Cielo2', amount, expirationSeconds: 600 });

describe('Cielo emulator ledger', () => {
  it('opens a pending sale with a dynamic BR Code at its txid, dated in Brasília time', () => {
    const sale = open(ledger());
    expect(sale.status).toBe(STATUS.Pending);
    expect(parseBRCode(sale.qrCodeString)).toMatchObject({
      kind: 'dynamic',
      location: `127.0.0.1:9/qr/v2/${sale.txid}`,
    });
    expect(sale.receivedDate).toBe('2026-12-01 10:00:00');
    expect(cieloDate(new Date('2026-01-01T02:30:00Z'))).toBe('2025-12-31 23:30:00');
  });

  it('is paid once, with a 32-character EndToEndId and the amount the payer sent', () => {
    const l = ledger();
    const sale = l.pay(open(l).paymentId, { amount: 900 });
    expect(sale).toMatchObject({ status: STATUS.PaymentConfirmed, capturedAmount: 900 });
    expect(sale.endToEndId).toMatch(/^E01027058202612011300[0-9a-f]{11}$/);
    expect(() => l.pay(sale.paymentId)).toThrow(/not pending/);
  });

  it('removes an unpaid QR only; refunds a paid sale up to what was taken, 11 once settled in full', () => {
    const l = ledger();
    const unpaid = open(l);
    l.remove(unpaid);
    expect(unpaid.status).toBe(STATUS.Voided);
    expect(() => l.remove(unpaid)).toThrow(VoidRefused);
    expect(() => l.refund(unpaid, 1)).toThrow(VoidRefused);

    const paid = l.pay(open(l).paymentId);
    l.refund(paid, 400);
    l.settleRefunds(paid);
    expect(paid.status).toBe(STATUS.PaymentConfirmed);
    expect(() => l.refund(paid, 601)).toThrow(VoidRefused);
    l.refund(paid, 600);
    expect(paid.status).toBe(STATUS.PaymentConfirmed);
    l.settleRefunds(paid);
    expect(paid.status).toBe(STATUS.Refunded);
  });

  it('keeps each merchant’s sales to itself', () => {
    const l = ledger();
    const sale = open(l);
    expect(l.find('m1', sale.paymentId)).toBe(sale);
    expect(l.find('m2', sale.paymentId)).toBeUndefined();
    expect(l.byOrder('m1', 'ORDER1')).toEqual([sale]);
    expect(l.byOrder('m2', 'ORDER1')).toEqual([]);
  });
});
