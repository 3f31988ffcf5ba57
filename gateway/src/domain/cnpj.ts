/** A CNPJ's 14 digits, with or without the `12.345.678/0001-95` punctuation. */
const FORMATTED = /^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/;
const DIGITS = /^\d{14}$/;

const FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS = [6, ...FIRST_WEIGHTS];

/** Receita Federal's modulo-11 check digit over the given digits. */
function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] as number), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** The two check digits that complete a 12-digit CNPJ base. */
export function cnpjCheckDigits(base: string): string {
  const digits = [...base].map(Number);
  const first = checkDigit(digits, FIRST_WEIGHTS);
  const second = checkDigit([...digits, first], SECOND_WEIGHTS);
  return `${first}${second}`;
}

/** The CNPJ as 14 digits when it is well formed and its check digits hold; otherwise undefined. */
export function normalizeCnpj(input: string): string | undefined {
  const trimmed = input.trim();
  if (!FORMATTED.test(trimmed) && !DIGITS.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  // All-same digits pass the arithmetic but are no one's CNPJ.
  if (/^(\d)\1{13}$/.test(digits)) return undefined;
  return cnpjCheckDigits(digits.slice(0, 12)) === digits.slice(12) ? digits : undefined;
}

/** `12.345.678/0001-95` from 14 digits. */
export const formatCnpj = (digits: string): string =>
  digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
