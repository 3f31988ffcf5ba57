export const MERCHANT_NAME_MAX = 25;
export const MERCHANT_CITY_MAX = 15;

/** The EMV alphanumeric-special set: printable ASCII, where one character is one byte. */
export const EMV_TEXT = /^[\x20-\x7E]*$/;

/**
 * Turns free text (a shop's display name, a city) into a value the encoder accepts:
 * strips accents, uppercases, drops characters outside the EMV alphanumeric-special set,
 * collapses spaces and cuts to `max` characters.
 *
 * The encoder does not do this itself: a code read by {@link parseBRCode} must re-encode to
 * the very same characters (the Manual's own vectors carry `Fulano de Tal`), so encoding
 * only checks values and normalising is a separate, explicit step for text from users.
 *
 * @example
 * ```ts
 * normaliseMerchantText('Padaria São João', MERCHANT_NAME_MAX); // 'PADARIA SAO JOAO'
 * normaliseMerchantText('Florianópolis', MERCHANT_CITY_MAX); // 'FLORIANOPOLIS'
 * ```
 */
export function normaliseMerchantText(text: string, max: number): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/\s/g, ' ')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return plain.slice(0, max).trimEnd();
}
