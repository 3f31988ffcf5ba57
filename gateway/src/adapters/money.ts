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

const EXPONENT_FORM = /^(\d+)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/;

/**
 * Exact centavos from reais as POS programs write them: a JSON number, numeric text ("59.90"), text in
 * exponent form (Delphi's `1.0500000000000000E+001`) and trailing zeros ("10.500"). The written value,
 * not its spelling, must have at most two decimals: 10.505 is refused, never rounded.
 */
export function centavosFromWrittenReais(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const exponent = EXPONENT_FORM.exec(text);
  const plain = exponent ? shiftPoint(exponent[1] ?? '', exponent[2] ?? '', Number(exponent[3])) : text;
  return centavosFromReais(plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain);
}

/** `int.frac × 10^shift` written without an exponent, leading zeros dropped. */
function shiftPoint(int: string, frac: string, shift: number): string {
  const digits = int + frac;
  const point = int.length + shift;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const rest = padded.slice(at);
  return rest ? `${whole}.${rest}` : whole;
}
