/** Providers that speak money in decimal reais, as text ("10.50") or JSON numbers (10.5). */

const REAIS = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/**
 * Exact centavos from a provider's reais: "10.5" and 10.5 are 1050. More than two decimals, a sign,
 * an exponent or a non-number is refused rather than rounded: a provider's amount is never guessed.
 */
export function centavosFromReais(value: string | number): number {
  // A JSON number prints as the shortest text that reads back the same: 10.5 is "10.5", 0.1 + 0.2 is refused.
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = REAIS.exec(text);
  if (!m) throw new RangeError(`"${String(value)}" is not an amount in reais with at most two decimals`);
  const centavos = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(centavos)) throw new RangeError(`"${String(value)}" is too large an amount`);
  return centavos;
}

/** Integer centavos as reais text with two decimals, the way providers take it: 1050 → "10.50". */
export function reaisFromCentavos(centavos: number): string {
  if (!Number.isSafeInteger(centavos) || centavos < 0) throw new RangeError(`${centavos} is not a centavos amount`);
  return `${Math.floor(centavos / 100)}.${String(centavos % 100).padStart(2, '0')}`;
}
