import { BRCodeError } from './errors.js';

const AMOUNT_TAG = '54';
/** '9999999999.99' is the longest amount that fits the 13 characters of tag 54. */
export const MAX_AMOUNT_CENTAVOS = 999_999_999_999;
const AMOUNT_TEXT = /^(0|[1-9]\d{0,9})\.\d\d$/;

/**
 * Writes integer centavos as the reais text of tag 54: exactly two decimals, `.` as separator.
 * Works on integers only, so no float rounding can creep into a payment amount.
 *
 * @example
 * ```ts
 * formatReais(1000); // '10.00'
 * formatReais(1); // '0.01'
 * ```
 */
export function formatReais(centavos: number): string {
  if (!Number.isSafeInteger(centavos)) {
    throw new BRCodeError('bad_value', AMOUNT_TAG, `amount ${centavos} is not a whole number of centavos`);
  }
  if (centavos <= 0) throw new BRCodeError('bad_value', AMOUNT_TAG, `amount ${centavos} is not positive`);
  if (centavos > MAX_AMOUNT_CENTAVOS) {
    throw new BRCodeError('value_too_long', AMOUNT_TAG, `amount ${centavos} centavos needs more than 13 characters`);
  }
  const reais = Math.floor(centavos / 100);
  const cents = centavos % 100;
  return `${reais}.${String(cents).padStart(2, '0')}`;
}

/**
 * Reads the reais text of tag 54 back into integer centavos. Refuses any spelling that
 * {@link formatReais} would not write (leading zeros, one or three decimals, a comma),
 * so that a parsed code re-encodes to the same characters.
 *
 * @example
 * ```ts
 * parseReais('1234567890.99'); // 123456789099
 * ```
 */
export function parseReais(text: string): number {
  if (text.length > 13) throw new BRCodeError('value_too_long', AMOUNT_TAG, `amount "${text}" is over 13 characters`);
  if (!AMOUNT_TEXT.test(text)) {
    throw new BRCodeError('bad_value', AMOUNT_TAG, `amount "${text}" is not reais with exactly two decimals`);
  }
  const [reais = '', cents = ''] = text.split('.');
  const centavos = Number(reais) * 100 + Number(cents);
  if (centavos === 0) throw new BRCodeError('bad_value', AMOUNT_TAG, 'amount is zero');
  return centavos;
}
