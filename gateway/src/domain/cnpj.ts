/**
 * A CNPJ's check digits. Since July 2026 the Receita also issues alphanumeric CNPJs: the first twelve
 * characters may be letters, each worth its ASCII code minus 48, and the check digits stay numeric.
 * Accepts the bare fourteen characters or the usual mask (`11.222.333/0001-81`).
 */
export function isValidCnpj(value: string): boolean {
  const cnpj = normaliseCnpj(value);
  if (!/^[0-9A-Z]{12}[0-9]{2}$/.test(cnpj) || /^(.)\1{13}$/.test(cnpj)) return false;
  const base = [...cnpj.slice(0, 12)].map((c) => c.charCodeAt(0) - 48);
  const first = checkDigit(base);
  return cnpj.endsWith(`${first}${checkDigit([...base, first])}`);
}

/** The fourteen characters without the mask, upper case. */
export const normaliseCnpj = (value: string): string => value.replace(/[./-]/g, '').toUpperCase();

function checkDigit(values: number[]): number {
  // Weights run 2..9 from the right, then start again at 2.
  const sum = values.reduceRight((acc, v, i) => acc + v * (((values.length - 1 - i) % 8) + 2), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}
