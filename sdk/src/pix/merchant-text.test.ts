import { describe, expect, it } from 'vitest';
import { MERCHANT_CITY_MAX, MERCHANT_NAME_MAX, normaliseMerchantText } from './merchant-text.js';

describe('normaliseMerchantText', () => {
  it('strips accents and uppercases', () => {
    expect(normaliseMerchantText('Padaria São João', MERCHANT_NAME_MAX)).toBe('PADARIA SAO JOAO');
    expect(normaliseMerchantText('Florianópolis', MERCHANT_CITY_MAX)).toBe('FLORIANOPOLIS');
    expect(normaliseMerchantText('Açaí & Cia', MERCHANT_NAME_MAX)).toBe('ACAI & CIA');
  });

  it('drops characters outside printable ASCII and collapses spaces', () => {
    expect(normaliseMerchantText('  Café\t☕  do\nZé ', MERCHANT_NAME_MAX)).toBe('CAFE DO ZE');
  });

  it('cuts to the limit without leaving a trailing space', () => {
    expect(normaliseMerchantText('São José dos Campos', MERCHANT_CITY_MAX)).toBe('SAO JOSE DOS CA');
    expect(normaliseMerchantText('Rio de Janeiro Centro', 15)).toBe('RIO DE JANEIRO');
  });
});
