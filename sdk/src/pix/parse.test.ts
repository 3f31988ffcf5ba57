import { describe, expect, it } from 'vitest';
import { crc16 } from './crc.js';
import { encodeBRCode } from './encode.js';
import { BRCodeError } from './errors.js';
import { parseBRCode } from './parse.js';

const STATIC_VECTOR =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const DYNAMIC_VECTOR =
  '00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd4415204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***630464E4';
const COMPOSITE_VECTOR =
  '00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd4415204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80740014br.gov.bcb.pix2552pix.example.com/rec/2353c790eefb11eaadc10242ac1200026304FB42';

/** The static vector up to, not including, its CRC data object. */
const STATIC_BODY = STATIC_VECTOR.slice(0, -8);

function tlv(id: string, value: string): string {
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Closes a body with a correct CRC, so that a test reaches the fault it is about. */
function withCrc(body: string): string {
  return `${body}6304${crc16(`${body}6304`)}`;
}

function refusal(text: string): { code: string; tag: string } {
  try {
    parseBRCode(text);
  } catch (error) {
    if (error instanceof BRCodeError) {
      expect(error.message).toContain(error.tag);
      return { code: error.code, tag: error.tag };
    }
    throw error;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('parseBRCode on the Manual vectors', () => {
  it('reads the static vector', () => {
    expect(parseBRCode(STATIC_VECTOR)).toEqual({
      kind: 'static',
      key: '123e4567-e12b-12d1-a456-426655440000',
      merchantName: 'Fulano de Tal',
      merchantCity: 'BRASILIA',
      crc: '1D3D',
    });
  });

  it('reads the dynamic vector', () => {
    expect(parseBRCode(DYNAMIC_VECTOR)).toEqual({
      kind: 'dynamic',
      location: 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441',
      usage: 'single-use',
      merchantName: 'Fulano de Tal',
      merchantCity: 'BRASILIA',
      crc: '64E4',
    });
  });

  it('reads the composite vector as Pix Automático with an immediate charge', () => {
    expect(parseBRCode(COMPOSITE_VECTOR)).toMatchObject({
      kind: 'automatic',
      recurrence: 'pix.example.com/rec/2353c790eefb11eaadc10242ac120002',
      payment: { kind: 'dynamic', location: 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441' },
    });
  });

  it.each([STATIC_VECTOR, DYNAMIC_VECTOR, COMPOSITE_VECTOR])('re-encodes %s byte for byte', (vector) => {
    expect(encodeBRCode(parseBRCode(vector))).toBe(vector);
  });
});

describe('parseBRCode finds the CRC by walking the data objects', () => {
  it('reads a code whose CRC is itself 6304', () => {
    let payload = '';
    for (let attempt = 0; attempt < 1_000_000 && !payload.endsWith('63046304'); attempt++) {
      payload = encodeBRCode({
        kind: 'static',
        key: '123e4567-e12b-12d1-a456-426655440000',
        txid: `P${attempt.toString(36)}`,
        merchantName: 'Fulano de Tal',
        merchantCity: 'BRASILIA',
      });
    }
    expect(payload.endsWith('63046304')).toBe(true);
    expect(encodeBRCode(parseBRCode(payload))).toBe(payload);
  });

  it('reads a code with 6304 inside its values', () => {
    const payload = encodeBRCode({
      kind: 'static',
      key: '+5563046304',
      info: '6304',
      txid: 'A6304',
      merchantName: '6304 LTDA',
      merchantCity: 'BRASILIA',
      postalCode: '63040000',
    });
    expect(payload.split('6304').length).toBeGreaterThan(6);
    expect(parseBRCode(payload)).toMatchObject({ key: '+5563046304', info: '6304', txid: 'A6304' });
  });
});

describe('parseBRCode refuses', () => {
  it.each([
    ['a truncated payload', STATIC_VECTOR.slice(0, 60), 'bad_length', '26'],
    ['a length that is not two digits', STATIC_VECTOR.replace('5913', '59x3'), 'bad_length', '59'],
    ['a zero length', withCrc(STATIC_BODY.replace('6207', '61006207')), 'bad_length', '61'],
    ['a CRC of length 05', `${STATIC_BODY}63051D3D0`, 'bad_length', '63'],
    ['an ID that is not two digits', withCrc(`${STATIC_BODY}A1`), 'bad_tag', 'A1'],
  ])('%s', (_, text, code, tag) => {
    expect(refusal(text)).toEqual({ code, tag });
  });

  it.each([
    ['26 with an inner length past its end', withCrc(STATIC_BODY.replace('0136123e', '0137123e')), '26'],
    ['62 with an inner length past its end', withCrc(STATIC_BODY.replace('62070503***', '62070504***')), '62'],
    ['62 with an inner length that is not digits', withCrc(STATIC_BODY.replace('62070503***', '620705x3***')), '62'],
    ['80 with an inner ID that is not digits', withCrc(`${STATIC_BODY}${tlv('80', 'xx01a')}`), '80'],
  ])('bad nesting: %s', (_, text, tag) => {
    expect(refusal(text)).toEqual({ code: 'bad_nesting', tag });
  });

  it.each([
    ['58', withCrc(STATIC_BODY.replace('5802BR', ''))],
    ['59', withCrc(STATIC_BODY.replace('5913Fulano de Tal', ''))],
    ['62', withCrc(STATIC_BODY.replace('62070503***', ''))],
    ['62.05', withCrc(STATIC_BODY.replace('62070503***', tlv('62', tlv('01', 'abc'))))],
    ['26.00', withCrc(STATIC_BODY.replace(/2658.*?5204/, `${tlv('26', tlv('01', 'key'))}5204`))],
    ['26.01', withCrc(STATIC_BODY.replace(/2658.*?5204/, `${tlv('26', tlv('00', 'br.gov.bcb.pix'))}5204`))],
    ['80.00', withCrc(`${STATIC_BODY}${tlv('80', tlv('01', 'x'))}`)],
    ['63', STATIC_BODY],
  ])('missing tag %s', (tag, text) => {
    expect(refusal(text)).toEqual({ code: 'missing_tag', tag });
  });

  it.each([
    ['a wrong CRC', STATIC_VECTOR.replace(/1D3D$/, '1D3E')],
    ['a lowercase CRC', STATIC_VECTOR.replace(/1D3D$/, '1d3d')],
    ['a CRC that is not hex', STATIC_VECTOR.replace(/1D3D$/, '1D3G')],
    ['a changed value under the right CRC', STATIC_VECTOR.replace('BRASILIA', 'BRASILIE')],
  ])('bad CRC: %s', (_, text) => {
    expect(refusal(text)).toEqual({ code: 'bad_crc', tag: '63' });
  });

  it.each([
    ['a space', `${STATIC_VECTOR} `],
    ['a newline', `${STATIC_VECTOR}\n`],
    ['a second CRC', `${STATIC_VECTOR}63041D3D`],
  ])('trailing data: %s', (_, text) => {
    expect(refusal(text)).toEqual({ code: 'trailing_data', tag: '63' });
  });

  it.each([
    ['58', withCrc(`${STATIC_BODY}5802BR`)],
    ['62.05', withCrc(STATIC_BODY.replace('62070503***', '62140503***0503***'))],
    ['26.01', withCrc(STATIC_BODY.replace(/2658(.*?)5204/, (_, inner) => `${tlv('26', `${inner}0103abc`)}5204`))],
  ])('duplicated tag %s', (tag, text) => {
    expect(refusal(text)).toEqual({ code: 'duplicate_tag', tag });
  });

  it.each([
    ['a name over 25', STATIC_BODY.replace('5913Fulano de Tal', tlv('59', 'N'.repeat(26))), '59'],
    ['a city over 15', STATIC_BODY.replace('6008BRASILIA', tlv('60', 'C'.repeat(16))), '60'],
    ['a txid over 25', STATIC_BODY.replace('62070503***', tlv('62', tlv('05', 'T'.repeat(26)))), '62.05'],
  ])('value too long: %s', (_, body, tag) => {
    expect(refusal(withCrc(body))).toEqual({ code: 'value_too_long', tag });
  });

  const DYNAMIC_BODY = DYNAMIC_VECTOR.slice(0, -8);
  it.each([
    ['an amount with one decimal', STATIC_BODY.replace('5802', '540410.05802'), '54'],
    ['an amount without decimals', STATIC_BODY.replace('5802', '5402105802'), '54'],
    ['an amount with three decimals', STATIC_BODY.replace('5802', '540610.0005802'), '54'],
    ['an amount with a comma', STATIC_BODY.replace('5802', '540510,005802'), '54'],
    ['a zero amount in a dynamic code', DYNAMIC_BODY.replace('5802', '54040.005802'), '54'],
    ['a dynamic txid with an accent', DYNAMIC_BODY.replace('62070503***', tlv('62', tlv('05', 'Ação'))), '62.05'],
    ['a txid with a dash', STATIC_BODY.replace('62070503***', tlv('62', tlv('05', 'RP123-2019'))), '62.05'],
    ['a name with an accent', STATIC_BODY.replace('5913Fulano de Tal', tlv('59', 'José')), '59'],
    ['a wrong payload format', STATIC_BODY.replace(/^000201/, '000202'), '00'],
    ['a wrong currency', STATIC_BODY.replace('5303986', '5303840'), '53'],
    ['a wrong usage', DYNAMIC_BODY.replace('010212', '010213'), '01'],
    ['a foreign GUI', STATIC_BODY.replace('0014br.gov.bcb.pix', '0014br.gov.bcb.pax'), '26.00'],
    [
      'a location with its scheme',
      DYNAMIC_BODY.replace(
        /2670.*?5204/,
        `${tlv('26', `0014br.gov.bcb.pix${tlv('25', 'https://pix.example.com/x')}`)}5204`,
      ),
      '26.25',
    ],
  ])('bad value: %s', (_, body, tag) => {
    expect(refusal(withCrc(body))).toEqual({ code: 'bad_value', tag });
  });

  it.each([
    ['a tag outside the BR Code', withCrc(`${STATIC_BODY}550201`), '55'],
    [
      'a field 26 does not define',
      withCrc(STATIC_BODY.replace(/2658(.*?)5204/, (_, inner) => `${tlv('26', `${inner}0401x`)}5204`)),
      '26.04',
    ],
    ['a payload format that is not first', withCrc(STATIC_BODY.replace(/^000201(2658.*?)5204/, '$10002015204')), '00'],
  ])('bad tag: %s', (_, text, tag) => {
    expect(refusal(text)).toEqual({ code: 'bad_tag', tag });
  });
});

describe('parseBRCode reads the structures the Manual allows', () => {
  const DYNAMIC_BODY = DYNAMIC_VECTOR.slice(0, -8);
  const LOCATION = 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441';

  it('reports the amount and txid a dynamic code carries, which the payer ignores (§2.7)', () => {
    const body = DYNAMIC_BODY.replace('5802', '540512.345802').replace('62070503***', tlv('62', tlv('05', 'TX42')));
    expect(parseBRCode(withCrc(body))).toMatchObject({
      kind: 'dynamic',
      location: LOCATION,
      amount: 1234,
      txid: 'TX42',
    });
  });

  it('tells a charge with a due date by the cobv segment of its location (§2.5.2)', () => {
    const location = 'pix.example.com/qr/c2/cobv/9d36b84fc70b478fb95c12729b90ca25';
    const body = DYNAMIC_BODY.replace(/2670.*?5204/, `${tlv('26', `0014br.gov.bcb.pix${tlv('25', location)}`)}5204`);
    expect(parseBRCode(withCrc(body))).toMatchObject({ kind: 'dynamic-due', location });
  });

  it('reads data objects in any order, and encodes them back in the canonical one', () => {
    const account = `${tlv('01', '123e4567-e12b-12d1-a456-426655440000')}0014br.gov.bcb.pix`;
    const shuffled = withCrc(
      `000201${tlv('62', '0503***')}6008BRASILIA5913Fulano de Tal5802BR53039865204${'0000'}${tlv('26', account)}`,
    );
    const code = parseBRCode(shuffled);
    expect(code).toMatchObject({ kind: 'static', key: '123e4567-e12b-12d1-a456-426655440000' });
    expect(encodeBRCode(code)).toBe(STATIC_VECTOR);
  });

  it("finds Pix's template at any ID from 26 to 51", () => {
    const body = STATIC_BODY.replace(/^0002012658/, '0002013158');
    expect(parseBRCode(withCrc(body))).toMatchObject({ kind: 'static', accountTag: '31' });
  });
});

describe('parseBRCode refuses what the Manual does not allow in the new structures', () => {
  const DYNAMIC_BODY = DYNAMIC_VECTOR.slice(0, -8);
  const COMPOSITE_BODY = COMPOSITE_VECTOR.slice(0, -8);
  const account = (inner: string) => (body: string) =>
    body.replace(/26\d\d0014br\.gov\.bcb\.pix.*?5204/, `${tlv('26', `0014br.gov.bcb.pix${inner}`)}5204`);
  const KEY_FIELD = tlv('01', '123e4567-e12b-12d1-a456-426655440000');
  const REC = 'pix.example.com/rec/2353c790eefb11eaadc10242ac120002';
  const recurrence = (inner: string) => tlv('80', `0014br.gov.bcb.pix${inner}`);

  it.each([
    ['a facilitator of 7 digits', account(`${KEY_FIELD}03071234567`)(STATIC_BODY), 'bad_value', '26.03'],
    [
      'a facilitator beside a location',
      account(`${tlv('25', 'pix.example.com/x')}030812345678`)(DYNAMIC_BODY),
      'bad_value',
      '26.03',
    ],
    [
      'a key beside a location',
      account(`${tlv('25', 'pix.example.com/x')}${KEY_FIELD}`)(DYNAMIC_BODY),
      'bad_value',
      '26.01',
    ],
    ['a recurrence location in 26.25', account(tlv('25', REC))(DYNAMIC_BODY), 'bad_value', '26.25'],
    ['a charge location in 80.25', `${STATIC_BODY}${recurrence(tlv('25', 'pix.example.com/x'))}`, 'bad_value', '80.25'],
    ['a recurrence template without 25', `${STATIC_BODY}${recurrence('')}`, 'missing_tag', '80.25'],
    ['a recurrence template with a key', `${STATIC_BODY}${recurrence(`${tlv('25', REC)}0103abc`)}`, 'bad_tag', '80.01'],
    [
      'two recurrences',
      `${COMPOSITE_BODY}${recurrence(tlv('25', REC)).replace(/^80/, '81')}`,
      'duplicate_tag',
      '81.00',
    ],
    [
      'an amount beside a recurrence alone',
      `${account('')(STATIC_BODY).replace('5802', '540510.005802')}${recurrence(tlv('25', REC))}`,
      'bad_value',
      '54',
    ],
    [
      'a Saque beside a recurrence',
      `${account(`${KEY_FIELD}030812345678`)(STATIC_BODY)}${recurrence(tlv('25', REC))}`,
      'bad_value',
      '26.03',
    ],
    [
      'a recurrence on another host than the charge',
      COMPOSITE_BODY.replace('2552pix.example.com/rec', '2552pix.example.net/rec'),
      'bad_value',
      '80.25',
    ],
    [
      'a second Pix template',
      `${STATIC_BODY.replace('5204', `${tlv('27', `0014BR.GOV.BCB.PIX${KEY_FIELD}`)}5204`)}`,
      'duplicate_tag',
      '27.00',
    ],
    [
      'a template of another arrangement without its GUI',
      STATIC_BODY.replace('5204', `${tlv('27', tlv('01', 'x'))}5204`),
      'missing_tag',
      '27.00',
    ],
    [
      'no Pix template at all',
      STATIC_BODY.replace(/^0002012658/, '0002012758').replace('0014br.gov.bcb.pix', '0014br.com.outroxx'),
      'missing_tag',
      '26',
    ],
    [
      'a field 62 does not define',
      STATIC_BODY.replace('62070503***', tlv('62', `0503***${tlv('01', 'x')}`)),
      'bad_tag',
      '62.01',
    ],
    [
      'a template 62.50 that is no template',
      STATIC_BODY.replace('62070503***', tlv('62', `0503***${tlv('50', 'x')}`)),
      'bad_nesting',
      '62.50',
    ],
    ['a tip (55), which would change the amount', `${STATIC_BODY}550201`, 'bad_tag', '55'],
  ])('%s', (_, body, code, tag) => {
    expect(refusal(withCrc(body))).toEqual({ code, tag });
  });
});
