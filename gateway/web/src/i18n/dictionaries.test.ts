import { ERROR_CODES, FIELD_ERROR_CODES } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { ptBR } from './pt-BR.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the two dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ptBR).sort());
  });

  it('fill the same placeholders in every message, and leave none empty', () => {
    for (const [key, text] of Object.entries(ptBR)) {
      const english = en[key as keyof typeof ptBR];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('name the order statuses as the merchants know them', () => {
    expect([
      ptBR['status.pending'],
      ptBR['status.approved'],
      ptBR['status.expired'],
      ptBR['status.cancelled'],
      ptBR['status.refunded'],
      ptBR['status.partially_refunded'],
    ]).toEqual(['Aguardando', 'Pago', 'Expirado', 'Cancelado', 'Estornado', 'Parcialmente estornado']);
  });

  it('say every problem of the catalogue and every field error code in both languages', () => {
    const wanted = [
      ...ERROR_CODES.map((code) => `problem.${code}`),
      ...FIELD_ERROR_CODES.map((code) => `fieldError.${code}`),
    ];
    expect(wanted.filter((key) => !(key in ptBR))).toEqual([]);
    expect(wanted.filter((key) => !(key in en))).toEqual([]);
  });
});
