export { formatReais, MAX_AMOUNT_CENTAVOS, parseReais } from './amount.js';
export { crc16 } from './crc.js';
export { encodeBRCode } from './encode.js';
export { BR_CODE_ERROR_CODES, BRCodeError, type BRCodeErrorCode } from './errors.js';
export type {
  AutomaticBRCodeFields,
  AutomaticPayment,
  BRCodeFields,
  BRCodeKind,
  CodeUsage,
  DueDynamicBRCodeFields,
  DynamicBRCodeFields,
  KeyPayment,
  LocationPayment,
  ParsedBRCode,
  SaqueBRCodeFields,
  StaticBRCodeFields,
  UnreservedTemplate,
} from './fields.js';
export { type LocationResource, locationResource } from './location.js';
export { MERCHANT_CITY_MAX, MERCHANT_NAME_MAX, normaliseMerchantText } from './merchant-text.js';
export { parseBRCode } from './parse.js';
export type { DataObject } from './tlv.js';
