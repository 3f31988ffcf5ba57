import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReais, MAX_AMOUNT_CENTAVOS, parseReais } from './amount.js';
import { BRCodeError } from './errors.js';

function refusal(run: () => unknown): { code: string; tag: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof BRCodeError) return { code: error.code, tag: error.tag };
    throw error;
  }
  throw new Error('expected a BRCodeError');
}

describe('amounts', () => {
  it.each([
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [1000, '10.00'],
    [123456789099, '1234567890.99'],
    [MAX_AMOUNT_CENTAVOS, '9999999999.99'],
  ])('writes %i centavos as %s and reads it back', (centavos, text) => {
    expect(formatReais(centavos)).toBe(text);
    expect(parseReais(text)).toBe(centavos);
  });

  it.each([
    [-1, 'bad_value'],
    [0, 'bad_value'],
    [10.5, 'bad_value'],
    [Number.NaN, 'bad_value'],
    [Number.POSITIVE_INFINITY, 'bad_value'],
    [MAX_AMOUNT_CENTAVOS + 1, 'value_too_long'],
  ])('refuses to write %d centavos', (centavos, code) => {
    expect(refusal(() => formatReais(centavos))).toEqual({ code, tag: '54' });
  });

  it.each([
    ['10', 'bad_value'],
    ['10.0', 'bad_value'],
    ['10.000', 'bad_value'],
    ['10,00', 'bad_value'],
    ['-1.00', 'bad_value'],
    ['010.00', 'bad_value'],
    ['.50', 'bad_value'],
    ['1e3.00', 'bad_value'],
    ['0.00', 'bad_value'],
    ['10000000000.00', 'value_too_long'],
  ])('refuses to read %s', (text, code) => {
    expect(refusal(() => parseReais(text))).toEqual({ code, tag: '54' });
  });

  it('round-trips every amount that fits in 13 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_CENTAVOS }), (centavos) => {
        const text = formatReais(centavos);
        expect(text).toMatch(/^\d{1,10}\.\d{2}$/);
        expect(parseReais(text)).toBe(centavos);
      }),
    );
  });
});
