/**
 * CNPJ as typed: a mask for display and a check-digit hint. The server decides; this only spares a round trip.
 * Both the numeric and the alphanumeric CNPJ (from July 2026) are handled: each character weighs its
 * ASCII code minus 48, which for digits is the digit itself.
 */

const CHARS = /[^0-9A-Z]/g;

/** Only the CNPJ's characters, upper-cased, at most 14. */
export const cnpjChars = (input: string): string => input.toUpperCase().replace(CHARS, '').slice(0, 14);

/** `12345678000195` → `12.345.678/0001-95`, also for a partial entry. */
export function maskCnpj(input: string): string {
  const c = cnpjChars(input);
  const parts = [c.slice(0, 2), c.slice(2, 5), c.slice(5, 8), c.slice(8, 12), c.slice(12, 14)];
  let out = parts[0] as string;
  if (parts[1]) out += `.${parts[1]}`;
  if (parts[2]) out += `.${parts[2]}`;
  if (parts[3]) out += `/${parts[3]}`;
  if (parts[4]) out += `-${parts[4]}`;
  return out;
}

const checkDigit = (body: string): number => {
  let sum = 0;
  for (let fromRight = 0; fromRight < body.length; fromRight++) {
    sum += (body.charCodeAt(body.length - 1 - fromRight) - 48) * ((fromRight % 8) + 2);
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
};

/** Whether the 14 characters carry the right two check digits. */
export function isValidCnpj(input: string): boolean {
  const c = cnpjChars(input);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(c) || /^(\d)\1{13}$/.test(c)) return false;
  const first = checkDigit(c.slice(0, 12));
  const second = checkDigit(c.slice(0, 12) + first);
  return c.endsWith(`${first}${second}`);
}
