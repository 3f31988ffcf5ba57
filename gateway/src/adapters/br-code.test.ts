import { encodeBRCode } from '@tillgate/sdk/pix';
import { describe, expect, it } from 'vitest';
import { checkOrderBRCode } from './br-code.js';
import { ProviderRejected } from './types.js';

const MERCHANT = { merchantName: 'LOJA TESTE', merchantCity: 'SAO PAULO' };
const LOCATION = 'pix.example.com/qr/v2/8b3da2f39a4140d1a91abd93113bd441';
const REC = 'pix.example.com/qr/v2/rec/2353c790eefb11eaadc10242ac120002';
const KEY = '123e4567-e12b-12d1-a456-426655440000';
const ORDER = { provider: 'the PSP', amount: 1990 };

describe('checkOrderBRCode accepts every kind that pays the order', () => {
  it.each([
    ['a dynamic charge', { kind: 'dynamic', location: LOCATION, ...MERCHANT }],
    [
      'a dynamic charge stating the order amount',
      { kind: 'dynamic', location: LOCATION, amount: 1990, txid: 'ORD1', ...MERCHANT },
    ],
    ['a charge with a due date', { kind: 'dynamic-due', location: 'pix.example.com/qr/v2/cobv/1e6c54d3', ...MERCHANT }],
    ['a static code for the order amount', { kind: 'static', key: KEY, amount: 1990, txid: 'ORD1', ...MERCHANT }],
    [
      'Pix Automático with an immediate charge',
      { kind: 'automatic', recurrence: REC, payment: { kind: 'dynamic', location: LOCATION }, ...MERCHANT },
    ],
  ] as const)('%s', (_, fields) => {
    expect(checkOrderBRCode(encodeBRCode(fields), ORDER).kind).toBe(fields.kind);
  });

  it('checks the location the PSP reported', () => {
    const text = encodeBRCode({ kind: 'dynamic', location: LOCATION, ...MERCHANT });
    expect(() => checkOrderBRCode(text, { ...ORDER, location: LOCATION })).not.toThrow();
    expect(() => checkOrderBRCode(text, { ...ORDER, location: `${LOCATION}0` })).toThrow(
      /does not point at its charge location/,
    );
  });
});

describe('checkOrderBRCode refuses a code that does not pay the order', () => {
  it.each([
    [
      'a dynamic code stating another amount',
      { kind: 'dynamic', location: LOCATION, amount: 1991, ...MERCHANT },
      /asks R\$ 19\.91, the order is R\$ 19\.90/,
    ],
    ['a static code for another amount', { kind: 'static', key: KEY, amount: 199, ...MERCHANT }, /asks R\$ 1\.99/],
    ['a static code without an amount', { kind: 'static', key: KEY, ...MERCHANT }, /lets the payer type the amount/],
    ['a Pix Saque code', { kind: 'saque', key: KEY, facilitator: '12345678', amount: 1990, ...MERCHANT }, /Pix Saque/],
    ['a recurrence without a payment', { kind: 'automatic', recurrence: REC, ...MERCHANT }, /no payment/],
    [
      'Pix Automático whose charge states another amount',
      { kind: 'automatic', recurrence: REC, payment: { kind: 'static', key: KEY, amount: 5000 }, ...MERCHANT },
      /asks R\$ 50\.00/,
    ],
  ] as const)('%s', (_, fields, message) => {
    const text = encodeBRCode(fields);
    expect(() => checkOrderBRCode(text, ORDER)).toThrow(ProviderRejected);
    expect(() => checkOrderBRCode(text, ORDER)).toThrow(message);
  });

  it('refuses a broken code, naming the tag at fault', () => {
    const text = encodeBRCode({ kind: 'dynamic', location: LOCATION, ...MERCHANT });
    expect(() => checkOrderBRCode(`${text.slice(0, -4)}0000`, ORDER)).toThrow(/invalid: BR Code tag 63/);
  });
});
