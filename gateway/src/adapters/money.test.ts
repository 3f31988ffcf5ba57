import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centavosFromReais, reaisFromCentavos } from './money.js';

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
