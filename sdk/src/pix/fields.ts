import type { DataObject } from './tlv.js';

/** Tag 01: `'reusable'` is `11`, `'single-use'` is `12`; absent means tag 01 is left out. */
export type CodeUsage = 'reusable' | 'single-use';

/**
 * An unreserved template (tags 80 to 99) of a scheme other than Pix, kept as read so that
 * composite codes re-encode byte for byte. Its `00` (the GUI) is held apart; `fields` are the
 * other data objects, in order. (Pix's own template in 80–99 is the recurrence location.)
 */
export interface UnreservedTemplate {
  /** '80' to '99'. */
  readonly tag: string;
  /** Globally unique identifier of the scheme that owns the template, e.g. 'com.example'. */
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
  /** The ID (26 to 51) of Pix's merchant account template; absent is '26'. */
  readonly accountTag?: string;
  /** Merchant account information of other arrangements (IDs 02 to 51), kept as read. */
  readonly otherAccounts?: readonly DataObject[];
  /** Payment-system templates inside tag 62 (IDs 50 to 99), kept as read. */
  readonly additionalTemplates?: readonly DataObject[];
  /** Written in ascending tag order. */
  readonly unreserved?: readonly UnreservedTemplate[];
}

/** What a code built on the receiver's Pix key carries: the payer's app builds the payment from it. */
export interface KeyPayment {
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
 * What a code pointing at a charge held by the PSP carries. Amount and txid come from the
 * location; the Manual (§2.7) says a dynamic code should not carry them and that the payer's
 * bank ignores them if it does. They are read back so that a caller can compare them, and
 * written only when given (leave them out when writing a new code).
 */
export interface LocationPayment {
  /** Tag 26.25: the charge's URL without scheme, at most 77 characters. */
  readonly location: string;
  /** Tag 54 as read, in integer centavos; not what the payer pays. */
  readonly amount?: number;
  /** Tag 62.05 as read; not the charge's txid, which the location gives. */
  readonly txid?: string;
}

/** A static code (§2.6): the Pix key, optionally an amount, a message and a txid. */
export interface StaticBRCodeFields extends MerchantFields, KeyPayment {
  readonly kind: 'static';
}

/** A Pix Saque code (§2.6.1): a static code naming a withdrawal service facilitator in 26.03. */
export interface SaqueBRCodeFields extends MerchantFields, KeyPayment {
  readonly kind: 'saque';
  /** Tag 26.03: the ISPB (8 digits) of the facilitador de serviço de saque. */
  readonly facilitator: string;
}

/** A dynamic code for an immediate charge, a cob (§2.7): its location has no `cobv` segment. */
export interface DynamicBRCodeFields extends MerchantFields, LocationPayment {
  readonly kind: 'dynamic';
}

/** A dynamic code for a charge with a due date, a cobv (§2.5.2): its location has a `cobv` segment. */
export interface DueDynamicBRCodeFields extends MerchantFields, LocationPayment {
  readonly kind: 'dynamic-due';
}

/** The payment a Pix Automático code offers beside its recurrence (§2.8.2, §2.8.3). */
export type AutomaticPayment =
  | (KeyPayment & { readonly kind: 'static' })
  | (LocationPayment & { readonly kind: 'dynamic' | 'dynamic-due' });

/**
 * A Pix Automático ("QR Code composto", §2.8): the recurrence location in a Pix template in
 * 80–99, alone (template 26 holds only the GUI) or beside a static or dynamic payment.
 */
export interface AutomaticBRCodeFields extends MerchantFields {
  readonly kind: 'automatic';
  /** Tag 80.25 (or 81–99): the recurrence's URL without scheme, with a `rec` segment. */
  readonly recurrence: string;
  /** The ID (80 to 99) of the recurrence template; absent is '80'. */
  readonly recurrenceTag?: string;
  readonly payment?: AutomaticPayment;
  /** Tag 62.05 of a code with no payment; a payment carries its own. */
  readonly txid?: string;
}

/**
 * Every code the codec reads and writes, told apart by `kind`. A Pix Troco code is a
 * `'dynamic'` one: the Manual marks Troco (and a dynamic Saque) only in the location's
 * payload (`valor.retirada`), never in the BR Code itself.
 */
export type BRCodeFields =
  | StaticBRCodeFields
  | SaqueBRCodeFields
  | DynamicBRCodeFields
  | DueDynamicBRCodeFields
  | AutomaticBRCodeFields;

export type BRCodeKind = BRCodeFields['kind'];

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

export const ACCOUNT_TAG = { gui: '00', key: '01', info: '02', facilitator: '03', location: '25' } as const;
export const RECURRENCE_TAG = '80';
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

const inRange = (tag: string, low: number, high: number) =>
  /^\d\d$/.test(tag) && Number(tag) >= low && Number(tag) <= high;

/** 80 to 99: unreserved templates, Pix's recurrence or another scheme's. */
export const isUnreservedTag = (tag: string): boolean => inRange(tag, 80, 99);
/** 02 to 51: merchant account information, of Pix (26 to 51) or of other arrangements. */
export const isAccountTag = (tag: string): boolean => inRange(tag, 2, 51);
/** 26 to 51: merchant account templates, the range where Pix's may sit (§2.5). */
export const isAccountTemplateTag = (tag: string): boolean => inRange(tag, 26, 51);
/** 50 to 99 inside tag 62: payment-system specific templates. */
export const isAdditionalTemplateTag = (tag: string): boolean => inRange(tag, 50, 99);
/** The Manual: "O GUI – DNS reverso – é case insensitive" (§2.5, note 10). */
export const isPixGui = (gui: string | undefined): boolean => gui?.toLowerCase() === PIX_GUI;
