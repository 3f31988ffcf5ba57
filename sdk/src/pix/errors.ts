/** Every way a BR Code can be refused, one code per kind of fault. */
export const BR_CODE_ERROR_CODES = [
  'bad_tag',
  'bad_length',
  'bad_nesting',
  'missing_tag',
  'duplicate_tag',
  'trailing_data',
  'bad_crc',
  'value_too_long',
  'bad_value',
] as const;

export type BRCodeErrorCode = (typeof BR_CODE_ERROR_CODES)[number];

/**
 * Thrown by the BR Code codec when a payload or a field set is not acceptable.
 *
 * `tag` is the path of the offending data object: `'59'` for the merchant name,
 * `'26.25'` for the location inside the merchant account template.
 *
 * @example
 * ```ts
 * try {
 *   parseBRCode(text);
 * } catch (error) {
 *   if (error instanceof BRCodeError && error.code === 'bad_crc') showRetypeHint();
 * }
 * ```
 */
export class BRCodeError extends Error {
  override readonly name = 'BRCodeError';
  readonly code: BRCodeErrorCode;
  readonly tag: string;

  constructor(code: BRCodeErrorCode, tag: string, detail: string) {
    super(`BR Code tag ${tag}: ${detail}`);
    this.code = code;
    this.tag = tag;
  }
}
