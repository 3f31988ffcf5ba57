import { encodeBRCode } from '@tillgate/sdk/pix';
import { describe, expect, it } from 'vitest';
import { ProviderRejected, ProviderUnavailable } from '../types.js';
import {
  CIELO_STATUSES,
  type CieloStatus,
  chargeOf,
  chargeStateOf,
  cieloDate,
  merchantOrderIdOf,
  readSale,
  readVoid,
  refundStateOf,
  saleRequest,
  voidQuery,
} from './mapper.js';

const PAYMENT_ID = '1b6a1d2c-2f8e-4c3e-9a7e-1f0c0a6a5b11';
const BR_CODE = encodeBRCode({
  kind: 'dynamic',
  usage: 'single-use',
  location: 'pix.example.com/qr/v2/1b6a1d2c2f8e4c3e',
  merchantName: 'LOJA TESTE',
  merchantCity: 'SAO PAULO',
});

const sale = (payment: Record<string, unknown>) => ({
  MerchantOrderId: '1ABCDEFGHJKMNPQRSTVWXYZ012',
  Payment: { PaymentId: PAYMENT_ID, Type: 'Pix', Amount: 1990, Status: 12, ...payment },
});

describe('Cielo status table', () => {
  it('maps every documented status to exactly one of ours', () => {
    expect(
      Object.keys(CIELO_STATUSES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20]);
    const expected: Record<CieloStatus, string> = {
      0: 'cancelled',
      1: 'pending',
      2: 'paid',
      3: 'cancelled',
      10: 'cancelled',
      11: 'paid',
      12: 'pending',
      13: 'cancelled',
      20: 'pending',
    };
    for (const [code, ours] of Object.entries(expected)) {
      const status = Number(code) as CieloStatus;
      const answer = { ...sale({ Status: status, EndToEndId: 'E0000', ReceivedDate: '2026-12-01 10:00:00' }) };
      expect(CIELO_STATUSES[status].ours).toBe(ours);
      expect(chargeStateOf(readSale(answer)).status, `status ${code}`).toBe(ours);
    }
  });

  it('refuses a status the docs do not list rather than guessing', () => {
    expect(() => readSale(sale({ Status: 4 }))).toThrow(ProviderUnavailable);
  });

  it('reads a paid sale as one payment: its EndToEndId, what was taken, when (Brasília time)', () => {
    const state = chargeStateOf(
      readSale(
        sale({
          Status: 2,
          EndToEndId: 'E18236120202612011300s0',
          CapturedAmount: 1500,
          ReceivedDate: '2026-12-01 10:00:00',
        }),
      ),
    );
    expect(state).toEqual({
      status: 'paid',
      payments: [
        {
          providerPaymentId: 'E18236120202612011300s0',
          amount: 1500,
          paidAt: new Date('2026-12-01T13:00:00Z'),
          payer: {},
        },
      ],
    });
  });
});

describe('Cielo money', () => {
  it('takes amounts as integer centavos, and refuses decimals, signs and text', () => {
    expect(readSale(sale({ Amount: 1 })).Payment.Amount).toBe(1);
    for (const bad of [19.9, 19.905, -1, '1990', Number.NaN, 2 ** 53])
      expect(() => readSale(sale({ Amount: bad })), String(bad)).toThrow(ProviderUnavailable);
  });

  it('asks for a sale and a void in centavos, never in reais', () => {
    const order = { orderId: 'ord_01KXYZ0000000000000000ABCD', amount: 1990, expiresInSeconds: 600 } as Parameters<
      typeof saleRequest
    >[0];
    expect(saleRequest(order, 'Cielo2')).toEqual({
      MerchantOrderId: '1KXYZ0000000000000000ABCD',
      Payment: { Type: 'Pix', Provider: 'Cielo2', Amount: 1990, QrCode: { Expiration: 600 } },
    });
    for (const bad of [0, 19.9, -5])
      expect(() => saleRequest({ ...order, amount: bad }, 'Cielo2')).toThrow(ProviderRejected);
    expect(voidQuery(500)).toBe('amount=500');
    expect(() => voidQuery(5.5)).toThrow(RangeError);
  });

  it('names the order in 25 letters and digits, as MerchantOrderId allows', () => {
    const id = merchantOrderIdOf('ord_01KXYZ0000000000000000ABCD');
    expect(id).toMatch(/^[0-9A-Za-z]{25}$/);
    expect(merchantOrderIdOf('ord_01KXYZ0000000000000000ABCE')).not.toBe(id);
  });
});

describe('Cielo answers', () => {
  it('hands out a pending sale with its copia-e-cola', () => {
    expect(chargeOf(readSale(sale({ QrCodeString: BR_CODE })), 1990)).toEqual({
      providerRef: PAYMENT_ID,
      qrCodeText: BR_CODE,
      deepLink: null,
    });
  });

  it('refuses a sale without a QR, with a broken BR Code, or not pending', () => {
    expect(() => chargeOf(readSale(sale({})), 1990)).toThrow(ProviderRejected);
    expect(() => chargeOf(readSale(sale({ QrCodeString: `${BR_CODE.slice(0, -4)}0000` })), 1990)).toThrow(
      ProviderRejected,
    );
    expect(() => chargeOf(readSale(sale({ Status: 0, QrCodeString: BR_CODE, ReturnMessage: 'erro' })), 1990)).toThrow(
      /NotFinished/,
    );
  });

  it('reads a void: taken, queued, refused for good, or to be tried again', () => {
    const answer = (ReasonCode: number, ReasonMessage: string) => readVoid({ Status: 2, ReasonCode, ReasonMessage });
    expect(refundStateOf(answer(0, 'Successful'))).toEqual({ status: 'succeeded' });
    expect(refundStateOf(answer(8, 'Scheduled'))).toEqual({ status: 'succeeded' });
    expect(refundStateOf(answer(2, 'IssuficientFunds'))).toEqual({ status: 'failed', reason: '2 IssuficientFunds' });
    expect(() => refundStateOf(answer(18, 'TryAgain'))).toThrow(ProviderUnavailable);
  });

  it('reads dates Cielo writes and refuses others', () => {
    expect(cieloDate('2024-12-02 11:15:39')).toEqual(new Date('2024-12-02T14:15:39Z'));
    expect(cieloDate('2015-04-06T10:13:39.42')).toEqual(new Date('2015-04-06T13:13:39.420Z'));
    expect(() => cieloDate('02/12/2024')).toThrow(ProviderUnavailable);
    expect(() => cieloDate(undefined)).toThrow(ProviderUnavailable);
  });
});
