/** Money is integer centavos everywhere; these guard the edges where a number becomes money. */

/** The largest amount an order may carry: R$ 9.999.999.999,99, what Pix's `valor.original` can express. */
export const MAX_AMOUNT = 999_999_999_999;

export const isCentavos = (value: number): boolean => Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT;

/** Reads a database integer (PostgreSQL `bigint` arrives as a string) as centavos, refusing anything unsafe. */
export function centavosFrom(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer amount: ${String(value)}`);
  return n;
}
