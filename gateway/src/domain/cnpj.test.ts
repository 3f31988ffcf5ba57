import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnpjCheckDigits, formatCnpj, normalizeCnpj } from './cnpj.js';

const base = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 });
const valid = base.filter((b) => !/^(\d)\1{11}$/.test(b)).map((b) => b + cnpjCheckDigits(b));

describe('CNPJ', () => {
  it('accepts known CNPJs, digits or formatted', () => {
    expect(normalizeCnpj('11.222.333/0001-81')).toBe('11222333000181');
    expect(normalizeCnpj('11222333000181')).toBe('11222333000181');
    expect(normalizeCnpj('  33.000.167/0001-01 ')).toBe('33000167000101');
  });

  it('refuses wrong check digits, bad shapes and all-same digits', () => {
    expect(normalizeCnpj('11.222.333/0001-82')).toBeUndefined();
    expect(normalizeCnpj('1122233300018')).toBeUndefined();
    expect(normalizeCnpj('11.222.333000181')).toBeUndefined();
    expect(normalizeCnpj('00000000000000')).toBeUndefined();
    expect(normalizeCnpj('11.111.111/1111-11')).toBeUndefined();
  });

  it('accepts every base completed with its check digits, in both forms', () => {
    fc.assert(
      fc.property(valid, (cnpj) => {
        expect(normalizeCnpj(cnpj)).toBe(cnpj);
        expect(normalizeCnpj(formatCnpj(cnpj))).toBe(cnpj);
      }),
    );
  });

  it('accepts a base with its own check digits only', () => {
    fc.assert(
      fc.property(valid, fc.nat(99), (cnpj, other) => {
        const digits = String(other).padStart(2, '0');
        fc.pre(digits !== cnpj.slice(12));
        expect(normalizeCnpj(cnpj.slice(0, 12) + digits)).toBeUndefined();
      }),
    );
  });
});
