import { describe, expect, it } from 'vitest';
import { isValidCnpj, maskCnpj } from './cnpj.js';

describe('CNPJ', () => {
  it('accepts real check digits, masked or not, numeric or alphanumeric', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
  });

  it('refuses wrong check digits, short entries and repeated digits', () => {
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('1122233300018')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
  });

  it('masks as the person types', () => {
    expect(maskCnpj('112')).toBe('11.2');
    expect(maskCnpj('11222333000181')).toBe('11.222.333/0001-81');
    expect(maskCnpj('11222333000181999')).toBe('11.222.333/0001-81');
  });
});
