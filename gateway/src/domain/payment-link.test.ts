import { describe, expect, it } from 'vitest';
import { formatBrDateTime, formatBrl, linkEmail, recipientsOf, referencesFor } from './payment-link.js';

describe('payment link rules', () => {
  it('reads recipients as people paste them, naming each bad one by its position', () => {
    expect(recipientsOf(' a@x.com;b@y.com.br ; ;c@z.io ')).toEqual({
      emails: ['a@x.com', 'b@y.com.br', 'c@z.io'],
      problems: [],
    });
    expect(recipientsOf(['a@x.com', 'sem-arroba', 'b@@y.com']).problems).toEqual([
      { index: 1, message: 'is not an email address' },
      { index: 2, message: 'is not an email address' },
    ]);
    expect(recipientsOf('').emails).toEqual([]);
  });

  it('numbers references with three digits, four past 999, and leaves one recipient or no reference alone', () => {
    expect(referencesFor('Recouvrement', 3)).toEqual(['Recouvrement-001', 'Recouvrement-002', 'Recouvrement-003']);
    const many = referencesFor('L', 1001);
    expect([many[0], many[998], many[999], many[1000]]).toEqual(['L-001', 'L-999', 'L-1000', 'L-1001']);
    expect(referencesFor('Solo', 1)).toEqual(['Solo']);
    expect(referencesFor('', 2)).toEqual(['', '']);
  });

  it('writes money and dates the Brazilian way', () => {
    expect(formatBrl(4590)).toBe('R$ 45,90');
    expect(formatBrl(123456789)).toBe('R$ 1.234.567,89');
    expect(formatBrl(5)).toBe('R$ 0,05');
    expect(formatBrDateTime(new Date('2026-06-08T15:00:00Z'), 'America/Sao_Paulo')).toBe('08/06/2026 12:00');
  });

  it('fills the template, keeps unknown braces, and marks a test link in subject and text', () => {
    const input = {
      template: '{store}: {amount} ref {reference} até {expires_at} — {link} {buyer_ref} {outro}',
      message: null,
      store: 'Padaria',
      amount: 4590,
      reference: 'R-001',
      link: 'http://127.0.0.1/pay/x',
      expiresAt: new Date('2026-06-08T15:00:00Z'),
      timeZone: 'America/Sao_Paulo',
      buyerRef: 'CLI9',
      test: false,
    };
    expect(linkEmail(input)).toEqual({
      subject: 'Pedido de pagamento de Padaria: R$ 45,90',
      text: 'Padaria: R$ 45,90 ref R-001 até 08/06/2026 12:00 — http://127.0.0.1/pay/x CLI9 {outro}',
    });
    const test = linkEmail({ ...input, template: null, message: 'Obrigado!', test: true });
    expect(test.subject.startsWith('[TESTE] ')).toBe(true);
    expect(test.text).toContain('AMBIENTE DE TESTE');
    expect(test.text).toContain('Obrigado!\n\nPara pagar');
  });
});
