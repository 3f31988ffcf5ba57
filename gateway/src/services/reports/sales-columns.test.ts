import { readFileSync } from 'node:fs';
import { ORDER_STATUSES } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { CANCEL_REASON_WORDS, SALES_COLUMNS, STATUS_WORDS } from './sales-columns.js';
import { decimalText } from './sales-sheets.js';

/** The panel's pt-BR dictionary, read as text: the gateway does not import the panel. */
const panelWord = (key: string): string | undefined => {
  const dictionary = readFileSync(new URL('../../../web/src/i18n/pt-BR.ts', import.meta.url), 'utf8');
  return new RegExp(`'${key.replace('.', '\\.')}': '([^']*)'`).exec(dictionary)?.[1];
};

describe('the sales file', () => {
  it("names statuses and cancel reasons in the panel's pt-BR words", () => {
    for (const status of ORDER_STATUSES) expect(STATUS_WORDS[status]).toBe(panelWord(`status.${status}`));
    for (const [reason, word] of Object.entries(CANCEL_REASON_WORDS))
      expect(word).toBe(panelWord(`cancelReason.${reason}`));
  });

  it('has the columns of the issue, in order', () => {
    expect(SALES_COLUMNS.slice(0, 7).map((c) => c.header)).toEqual([
      'Data',
      'Valor',
      'Loja',
      'Caixa',
      'Conta',
      'Status',
      'Código UUID',
    ]);
  });

  it('prints centavos from the integer, never through a float', () => {
    expect(decimalText(0, ',')).toBe('0,00');
    expect(decimalText(5, '.')).toBe('0.05');
    expect(decimalText(999_999_999_999, ',')).toBe('9999999999,99');
    expect(decimalText(1990, '.')).toBe('19.90');
  });
});
