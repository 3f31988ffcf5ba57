import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centavosFromReais, centavosFromWrittenReais, reaisFromCentavos } from './money.js';

describe('reais ⇄ centavos', () => {
  it('reads text and numbers exactly', () => {
    expect(centavosFromReais('10.50')).toBe(1050);
    expect(centavosFromReais('10.5')).toBe(1050);
    expect(centavosFromReais(10.5)).toBe(1050);
    expect(centavosFromReais('0.01')).toBe(1);
    expect(centavosFromReais(19.9)).toBe(1990);
    expect(centavosFromReais('7')).toBe(700);
    expect(centavosFromReais(0)).toBe(0);
  });

  it('refuses what it would have to round or guess', () => {
    for (const bad of ['10.505', '1,50', '-1.00', '1e3', '', '01.00', 'NaN', ' .5', 0.1 + 0.2, -5, Number.NaN, 1e21])
      expect(() => centavosFromReais(bad), String(bad)).toThrow(RangeError);
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (c) => {
        expect(centavosFromReais(reaisFromCentavos(c))).toBe(c);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (c) => {
        expect(centavosFromReais(Number(reaisFromCentavos(c)))).toBe(c);
      }),
    );
  });
});

describe('reais as POS programs write them', () => {
  it('reads numbers, numeric text, exponent form and trailing zeros exactly', () => {
    expect(centavosFromWrittenReais('1.0500000000000000E+001')).toBe(1050);
    expect(centavosFromWrittenReais('5.9900000000000000E+001')).toBe(5990);
    expect(centavosFromWrittenReais('1E+2')).toBe(10000);
    expect(centavosFromWrittenReais('1.5e-1')).toBe(15);
    expect(centavosFromWrittenReais('59.90')).toBe(5990);
    expect(centavosFromWrittenReais('10.500')).toBe(1050);
    expect(centavosFromWrittenReais(59.9)).toBe(5990);
    expect(centavosFromWrittenReais('1')).toBe(100);
  });

  it('refuses a value with more than two decimals, whatever its spelling', () => {
    for (const bad of ['10.505', '1.0505E+001', '1e-3', '59,90', '-1', 'abc', '', 10.505])
      expect(() => centavosFromWrittenReais(bad), String(bad)).toThrow(RangeError);
  });

  it('agrees with the strict reader on every two-decimal amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (c) => {
        const text = reaisFromCentavos(c);
        expect(centavosFromWrittenReais(text)).toBe(c);
        expect(centavosFromWrittenReais(Number(text))).toBe(c);
        expect(centavosFromWrittenReais(Number(text).toExponential())).toBe(c);
      }),
      { numRuns: 300 },
    );
  });
});
