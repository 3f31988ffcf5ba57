import { describe, expect, it } from 'vitest';
import { encodeBRCode } from './encode.js';
import { BRCodeError } from './errors.js';
import type { BRCodeFields } from './fields.js';

const KEY = '123e4567-e12b-12d1-a456-426655440000';
const STATIC: BRCodeFields = { kind: 'static', key: KEY, merchantName: 'Fulano de Tal', merchantCity: 'BRASILIA' };
const DYNAMIC: BRCodeFields = {
  kind: 'dynamic',
  location: 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441',
  usage: 'single-use',
  merchantName: 'Fulano de Tal',
  merchantCity: 'BRASILIA',
};

function refusal(fields: BRCodeFields): { code: string; tag: string } {
  try {
    encodeBRCode(fields);
  } catch (error) {
    if (error instanceof BRCodeError) return { code: error.code, tag: error.tag };
    throw error;
  }
  throw new Error('expected the fields to be refused');
}

describe('encodeBRCode', () => {
  it('writes the Manual static vector', () => {
    expect(encodeBRCode(STATIC)).toBe(
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D',
    );
  });

  it('writes the Manual composite vector (Pix Automático with an immediate charge)', () => {
    const { kind: _, location, ...merchant } = DYNAMIC as Extract<BRCodeFields, { kind: 'dynamic' }>;
    expect(
      encodeBRCode({
        kind: 'automatic',
        recurrence: 'pix.example.com/rec/2353c790eefb11eaadc10242ac120002',
        payment: { kind: 'dynamic', location },
        ...merchant,
      }),
    ).toBe(
      '00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd4415204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80740014br.gov.bcb.pix2552pix.example.com/rec/2353c790eefb11eaadc10242ac1200026304FB42',
    );
  });

  it('writes a Saque code with its facilitator in 26.03', () => {
    const payload = encodeBRCode({ ...STATIC, kind: 'saque', facilitator: '12345678', amount: 5000 });
    expect(payload).toContain('0014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000030812345678');
    expect(payload).toContain('540550.00');
  });

  it('writes the amount in reais with two decimals, and the txid', () => {
    const payload = encodeBRCode({ ...STATIC, amount: 1000, txid: 'ORDER42', info: 'Mesa 4', postalCode: '70000000' });
    expect(payload).toContain('0206Mesa 4');
    expect(payload).toContain('540510.00');
    expect(payload).toContain('610870000000');
    expect(payload).toContain('62110507ORDER42');
  });

  it('writes unreserved templates in ascending tag order', () => {
    const template = (tag: string) => ({ tag, gui: 'com.example', fields: [{ id: '01', value: tag }] });
    const payload = encodeBRCode({ ...STATIC, unreserved: [template('91'), template('80')] });
    expect(payload.indexOf('8021')).toBeLessThan(payload.indexOf('9121'));
  });

  it.each([
    ['a name over 25', { ...STATIC, merchantName: 'N'.repeat(26) }, 'value_too_long', '59'],
    ['a city over 15', { ...STATIC, merchantCity: 'C'.repeat(16) }, 'value_too_long', '60'],
    ['a name with accents', { ...STATIC, merchantName: 'Padaria São João' }, 'bad_value', '59'],
    ['an empty city', { ...STATIC, merchantCity: '' }, 'bad_value', '60'],
    ['a key over 77', { ...STATIC, key: 'k'.repeat(78) }, 'value_too_long', '26.01'],
    ['a template 26 over 99', { ...STATIC, key: 'k'.repeat(70), info: 'too long now' }, 'value_too_long', '26'],
    ['a negative amount', { ...STATIC, amount: -100 }, 'bad_value', '54'],
    ['a fractional amount', { ...STATIC, amount: 10.5 }, 'bad_value', '54'],
    ['an amount over 13 characters', { ...STATIC, amount: 1_000_000_000_000 }, 'value_too_long', '54'],
    ['a txid over 25', { ...STATIC, txid: 'T'.repeat(26) }, 'value_too_long', '62.05'],
    ['a txid with a dash', { ...STATIC, txid: 'ORDER-42' }, 'bad_value', '62.05'],
    ['a txid of ***', { ...STATIC, txid: '***' }, 'bad_value', '62.05'],
    ['a location over 77', { ...DYNAMIC, location: `pix.example.com/${'x'.repeat(62)}` }, 'value_too_long', '26.25'],
    ['a location with its scheme', { ...DYNAMIC, location: 'https://pix.example.com/x' }, 'bad_value', '26.25'],
    ['a zero amount in a dynamic code', { ...DYNAMIC, amount: 0 } as BRCodeFields, 'bad_value', '54'],
    ['a dynamic txid of ***', { ...DYNAMIC, txid: '***' } as BRCodeFields, 'bad_value', '62.05'],
    [
      'a dynamic code pointing at a cobv',
      { ...DYNAMIC, location: 'pix.example.com/cobv/8b3da2f3' } as BRCodeFields,
      'bad_value',
      '26.25',
    ],
    ['a due-date code pointing at a cob', { ...DYNAMIC, kind: 'dynamic-due' } as BRCodeFields, 'bad_value', '26.25'],
    [
      'a facilitator that is no ISPB',
      { ...STATIC, kind: 'saque', facilitator: '1234' } as BRCodeFields,
      'bad_value',
      '26.03',
    ],
    [
      'a recurrence without its rec segment',
      { ...STATIC, kind: 'automatic', recurrence: 'pix.example.com/x' } as BRCodeFields,
      'bad_value',
      '80.25',
    ],
    [
      'a recurrence in template 79',
      { ...STATIC, kind: 'automatic', recurrence: 'pix.example.com/rec/x', recurrenceTag: '79' } as BRCodeFields,
      'bad_tag',
      '79',
    ],
    [
      'a recurrence on the tag of another template',
      {
        ...STATIC,
        kind: 'automatic',
        recurrence: 'pix.example.com/rec/x',
        unreserved: [{ tag: '80', gui: 'com.example', fields: [] }],
      } as BRCodeFields,
      'duplicate_tag',
      '80',
    ],
    ["Pix's template on ID 25", { ...STATIC, accountTag: '25' }, 'bad_tag', '25'],
    [
      'another arrangement on the Pix tag',
      { ...STATIC, otherAccounts: [{ id: '26', value: '0003com' }] },
      'duplicate_tag',
      '26',
    ],
    ['an unknown usage', { ...STATIC, usage: 'twice' } as unknown as BRCodeFields, 'bad_value', '01'],
    [
      'an unreserved template on tag 79',
      { ...STATIC, unreserved: [{ tag: '79', gui: 'com.example', fields: [] }] },
      'bad_tag',
      '79',
    ],
    [
      'an unreserved template twice',
      {
        ...STATIC,
        unreserved: [
          { tag: '80', gui: 'com.example', fields: [] },
          { tag: '80', gui: 'com.example', fields: [] },
        ],
      },
      'duplicate_tag',
      '80',
    ],
    [
      'an unreserved field on 00',
      { ...STATIC, unreserved: [{ tag: '80', gui: 'com.example', fields: [{ id: '00', value: 'x' }] }] },
      'bad_tag',
      '80.00',
    ],
    [
      'an unreserved template over 99',
      { ...STATIC, unreserved: [{ tag: '85', gui: 'com.example', fields: [{ id: '01', value: 'x'.repeat(90) }] }] },
      'value_too_long',
      '85',
    ],
  ] satisfies [string, BRCodeFields, string, string][])('refuses %s', (_, fields, code, tag) => {
    expect(refusal(fields)).toEqual({ code, tag });
  });
});
