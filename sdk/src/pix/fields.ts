import type { DataObject } from './tlv.js';

/** Tag 01: `'reusable'` is `11`, `'single-use'` is `12`; absent means tag 01 is left out. */
export type CodeUsage = 'reusable' | 'single-use';

/**
 * An unreserved template (tags 80 to 99), kept as read so that composite codes re-encode
 * byte for byte. Its `00` (the GUI) is held apart; `fields` are the other data objects, in order.
 */
export interface UnreservedTemplate {
  /** '80' to '99'. */
  readonly tag: string;
  /** Globally unique identifier of the scheme that owns the template, e.g. 'br.gov.bcb.pix'. */
  readonly gui: string;
  readonly fields: readonly DataObject[];
}

interface MerchantFields {
  /** Tag 59, at most 25 characters of the EMV set; see `normaliseMerchantText` for free text. */
  readonly merchantName: string;
  /** Tag 60, at most 15 characters of the EMV set. */
  readonly merchantCity: string;
  /** Tag 61. */
  readonly postalCode?: string;
  readonly usage?: CodeUsage;
  /** Written in ascending tag order. */
  readonly unreserved?: readonly UnreservedTemplate[];
}

/** A code that carries the receiver's Pix key; the payer's app builds the payment from it. */
export interface StaticBRCodeFields extends MerchantFields {
  readonly kind: 'static';
  /** Tag 26.01: the Pix key (chave), at most 77 characters. */
  readonly key: string;
  /** Tag 26.02: a message shown to the payer. */
  readonly info?: string;
  /** Tag 54, in integer centavos; absent lets the payer type the amount. */
  readonly amount?: number;
  /** Tag 62.05, at most 25 letters and digits; absent is written `***`. */
  readonly txid?: string;
}

/**
 * A code that points at a charge held by the PSP; the payer's app fetches amount and txid
 * from the location, which is why neither is written into the code.
 */
export interface DynamicBRCodeFields extends MerchantFields {
  readonly kind: 'dynamic';
  /** Tag 26.25: the charge's URL without scheme, at most 77 characters. */
  readonly location: string;
}

export type BRCodeFields = StaticBRCodeFields | DynamicBRCodeFields;

/** What `parseBRCode` returns: the fields, which `encodeBRCode` accepts as they are, and the CRC read. */
export type ParsedBRCode = BRCodeFields & { readonly crc: string };

export const TAG = {
  payloadFormat: '00',
  usage: '01',
  merchantAccount: '26',
  categoryCode: '52',
  currency: '53',
  amount: '54',
  country: '58',
  merchantName: '59',
  merchantCity: '60',
  postalCode: '61',
  additionalData: '62',
  crc: '63',
} as const;

export const ACCOUNT_TAG = { gui: '00', key: '01', info: '02', location: '25' } as const;
export const TXID_TAG = '05';
export const GUI_TAG = '00';

export const PIX_GUI = 'br.gov.bcb.pix';
export const PAYLOAD_FORMAT = '01';
export const CATEGORY_CODE = '0000';
export const CURRENCY_BRL = '986';
export const COUNTRY_BR = 'BR';
export const NO_TXID = '***';
export const USAGE_CODE: Readonly<Record<CodeUsage, string>> = { reusable: '11', 'single-use': '12' };

export const KEY_MAX = 77;
export const LOCATION_MAX = 77;
export const TXID_MAX = 25;
export const GUI_MAX = 32;
export const VALUE_MAX = 99;

export function isUnreservedTag(tag: string): boolean {
  return /^[89]\d$/.test(tag);
}
