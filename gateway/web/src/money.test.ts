import { describe, expect, it } from 'vitest';
import { formatMoney, parseCentavos } from './money.js';

describe('parseCentavos', () => {
  it.each([
    ['19,90', 1990],
    ['19,9', 1990],
    ['19', 1900],
    ['0,01', 1],
    ['0,10', 10],
    ['R$ 19,90', 1990],
    ['R$\u00a019,90', 1990],
    ['1.234,56', 123456],
    ['1.234.567,89', 123456789],
    ['1.234', 123400],
    ['19.999', 1999900],
    ['19.90', 1990],
    ['19.9', 1990],
    [' 7 ', 700],
    [',50', 50],
    ['0', 0],
    ['0,29', 29],
    ['1,15', 115],
  ])('%j is %d centavos', (input, centavos) => {
    expect(parseCentavos(input)).toBe(centavos);
  });

  it.each(['', ',', 'abc', '19,999', '-5', '1,2,3', '12.34.5', '1.23,4', '1e3', '19,9a', 'R$'])(
    '%j is not an amount',
    (input) => {
      expect(parseCentavos(input)).toBeNull();
    },
  );

  it('is exact where floats are not (0,29 × 100 is 28.999… as a float)', () => {
    for (let c = 0; c < 10_000; c++) {
      const typed = `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;
      expect(parseCentavos(typed)).toBe(c);
    }
  });

  it('round-trips what formatMoney shows', () => {
    for (const c of [1, 99, 1990, 123456, 100_000_000]) expect(parseCentavos(formatMoney(c))).toBe(c);
  });
});

describe('formatMoney', () => {
  it('shows integer centavos as reais in pt-BR', () => {
    expect(formatMoney(1990)).toBe('R$\u00a019,90');
    expect(formatMoney(123456)).toBe('R$\u00a01.234,56');
    expect(formatMoney(5)).toBe('R$\u00a00,05');
  });
});
