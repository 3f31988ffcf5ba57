import { describe, expect, it } from 'vitest';
import { isValidCnpj, normaliseCnpj } from './cnpj.js';

describe('isValidCnpj', () => {
  it.each([
    '11222333000181',
    '11.222.333/0001-81',
    // Banco do Brasil and Itaú, as published.
    '00000000000191',
    '60701190000104',
    // The Receita's example of the alphanumeric format.
    '12ABC34501DE35',
    '12.ABC.345/01DE-35',
  ])('accepts %s', (cnpj) => expect(isValidCnpj(cnpj)).toBe(true));

  it.each([
    ['a wrong first check digit', '11222333000191'],
    ['a wrong second check digit', '11222333000182'],
    ['one digit short', '1122233300018'],
    ['a repeated digit', '11111111111111'],
    ['letters in the check digits', '12ABC34501DEA5'],
    ['other punctuation', '11 222 333 0001 81'],
    ['nothing', ''],
  ])('refuses %s', (_, cnpj) => expect(isValidCnpj(cnpj)).toBe(false));

  it('normalises the mask away', () => expect(normaliseCnpj('12.abc.345/01de-35')).toBe('12ABC34501DE35'));
});
