import { parseReais } from './amount.js';
import { crc16 } from './crc.js';
import { BRCodeError } from './errors.js';
import {
  ACCOUNT_TAG,
  type AutomaticPayment,
  type BRCodeFields,
  CATEGORY_CODE,
  COUNTRY_BR,
  type CodeUsage,
  CURRENCY_BRL,
  isAccountTag,
  isUnreservedTag,
  type KeyPayment,
  NO_TXID,
  PAYLOAD_FORMAT,
  type ParsedBRCode,
  RECURRENCE_TAG,
  type StaticBRCodeFields,
  TAG,
} from './fields.js';
import { locationResource } from './location.js';
import { checkFields } from './rules.js';
import { readAdditionalData, readMerchantAccounts, readUnreservedTemplates } from './templates.js';
import { byId, type ReadDataObject, readDataObjectAt } from './tlv.js';

const KNOWN_TAGS = new Set<string>(Object.values(TAG));
const CRC_TEXT = /^[0-9A-F]{4}$/;

/**
 * Reads and verifies a BR Code ("Pix copia e cola"): every ID, length and nesting, the
 * required tags and their fixed values, the limits of each value, and the CRC; then tells
 * what the code is (`kind`): `'static'`, `'saque'`, `'dynamic'` (an immediate charge),
 * `'dynamic-due'` (a charge with a due date) or `'automatic'` (Pix Automático, with or
 * without a payment beside the recurrence).
 *
 * Data objects may come in any order (only `00` first and `63` last are fixed), the Pix
 * template may sit at any ID from 26 to 51 and its GUI in any case. The result can be handed
 * straight back to `encodeBRCode`, which writes the canonical form: for a code already in it
 * (ascending tags, lowercase GUI, as the Manual's examples are) that gives the same characters.
 *
 * @throws {BRCodeError} with the fault's `code` and the `tag` it was found at.
 * @example
 * ```ts
 * const code = parseBRCode(pastedText);
 * if (code.kind === 'dynamic') await fetchCharge(`https://${code.location}`);
 * else if (code.kind === 'static') console.log(code.key, code.amount); // integer centavos, or undefined
 * ```
 */
export function parseBRCode(text: string): ParsedBRCode {
  const objects = readPayload(text);
  const top = byId(objects);
  for (const { id } of objects) {
    if (!KNOWN_TAGS.has(id) && !isAccountTag(id) && !isUnreservedTag(id)) {
      throw new BRCodeError('bad_tag', id, 'is not a BR Code tag');
    }
  }
  if (objects[0]?.id !== TAG.payloadFormat) {
    throw new BRCodeError('bad_tag', TAG.payloadFormat, 'payload format indicator must come first');
  }
  const required = (tag: string): string => {
    const object = top.get(tag);
    if (object === undefined) throw new BRCodeError('missing_tag', tag, 'is required');
    return object.value;
  };
  expectValue(TAG.payloadFormat, required(TAG.payloadFormat), PAYLOAD_FORMAT);
  expectValue(TAG.categoryCode, required(TAG.categoryCode), CATEGORY_CODE);
  expectValue(TAG.currency, required(TAG.currency), CURRENCY_BRL);
  expectValue(TAG.country, required(TAG.country), COUNTRY_BR);

  const accounts = readMerchantAccounts(objects);
  const { unreserved, recurrence } = readUnreservedTemplates(objects);
  const additional = readAdditionalData(required(TAG.additionalData));
  const usage = readUsage(top.get(TAG.usage)?.value);
  const postalCode = top.get(TAG.postalCode)?.value;
  const common = {
    merchantName: required(TAG.merchantName),
    merchantCity: required(TAG.merchantCity),
    ...(postalCode === undefined ? {} : { postalCode }),
    ...(usage === undefined ? {} : { usage }),
    ...(accounts.pix.id === TAG.merchantAccount ? {} : { accountTag: accounts.pix.id }),
    ...(accounts.others.length === 0 ? {} : { otherAccounts: accounts.others }),
    ...(additional.templates.length === 0 ? {} : { additionalTemplates: additional.templates }),
    ...(unreserved.length === 0 ? {} : { unreserved }),
  };
  const payment = readPayment(accounts.pix, top.get(TAG.amount)?.value, additional.txid);
  const fields = codeOf(payment, recurrence, accounts.pix, common);
  checkFields(fields);
  return { ...fields, crc: required(TAG.crc) };
}

/**
 * Walks the top level up to tag 63, which must be last and 4 long, then checks the CRC.
 * Walking (rather than searching for "6304") is what finds the right 63: the text "6304"
 * can sit inside any value, and can even be the CRC itself.
 */
function readPayload(text: string): ReadDataObject[] {
  const objects: ReadDataObject[] = [];
  let offset = 0;
  for (;;) {
    if (offset >= text.length) throw new BRCodeError('missing_tag', TAG.crc, 'payload ends without a CRC');
    const object = readDataObjectAt(text, offset);
    objects.push(object);
    offset = object.end;
    if (object.id === TAG.crc) break;
  }
  const crc = objects[objects.length - 1] as ReadDataObject;
  if (crc.value.length !== 4) throw new BRCodeError('bad_length', TAG.crc, `length is ${crc.value.length}, must be 04`);
  if (offset !== text.length) {
    throw new BRCodeError('trailing_data', TAG.crc, `${text.length - offset} characters follow the CRC`);
  }
  if (!CRC_TEXT.test(crc.value)) {
    throw new BRCodeError('bad_crc', TAG.crc, `"${crc.value}" is not 4 uppercase hex digits`);
  }
  const expected = crc16(text.slice(0, crc.start + 4));
  if (crc.value !== expected) throw new BRCodeError('bad_crc', TAG.crc, `is ${crc.value}, payload gives ${expected}`);
  return objects;
}

type PixAccount = { readonly id: string; readonly fields: ReadonlyMap<string, string> };
type Payment =
  | { kind: 'static'; key: string; info?: string; amount?: number; txid?: string }
  | { kind: 'saque'; key: string; info?: string; facilitator: string; amount?: number; txid?: string }
  | { kind: 'dynamic' | 'dynamic-due'; location: string; amount?: number; txid?: string }
  | { kind: 'none'; amountText?: string; txid?: string };

/** Which payment template 26 describes (§2.6, §2.7, §2.8.1), from the fields it holds. */
function readPayment(pix: PixAccount, amountText: string | undefined, txidText: string): Payment {
  const path = (id: string) => `${pix.id}.${id}`;
  const field = (id: string) => pix.fields.get(id);
  const [key, info, facilitator, location] = [
    field(ACCOUNT_TAG.key),
    field(ACCOUNT_TAG.info),
    field(ACCOUNT_TAG.facilitator),
    field(ACCOUNT_TAG.location),
  ];
  const amount = amountText === undefined ? {} : { amount: parseReais(amountText) };
  const txid = txidText === NO_TXID ? {} : { txid: txidText };

  if (location !== undefined) {
    const refuse = (id: string, what: string) =>
      new BRCodeError('bad_value', path(id), `a dynamic code carries no ${what}`);
    if (key !== undefined) throw refuse(ACCOUNT_TAG.key, 'key');
    if (info !== undefined) throw refuse(ACCOUNT_TAG.info, 'info');
    if (facilitator !== undefined) throw refuse(ACCOUNT_TAG.facilitator, 'facilitator (Saque is static)');
    const resource = locationResource(location);
    if (resource === 'rec') {
      throw new BRCodeError('bad_value', path(ACCOUNT_TAG.location), 'a recurrence location belongs in 80–99');
    }
    return { kind: resource === 'cobv' ? 'dynamic-due' : 'dynamic', location, ...amount, ...txid };
  }
  if (key !== undefined) {
    const common = { key, ...(info === undefined ? {} : { info }), ...amount, ...txid };
    return facilitator === undefined ? { kind: 'static', ...common } : { kind: 'saque', facilitator, ...common };
  }
  if (info !== undefined || facilitator !== undefined) {
    throw new BRCodeError('missing_tag', path(ACCOUNT_TAG.key), 'neither key nor location');
  }
  return { kind: 'none', ...(amountText === undefined ? {} : { amountText }), ...txid };
}

type CommonFields = Omit<StaticBRCodeFields, 'kind' | keyof KeyPayment>;

/** A template 26 with a payment, a recurrence, or both (§2.8); a bare template 26 needs a recurrence. */
function codeOf(
  payment: Payment,
  recurrence: { tag: string; location: string } | undefined,
  pix: PixAccount,
  common: CommonFields,
): BRCodeFields {
  if (recurrence === undefined) {
    if (payment.kind === 'none') {
      throw new BRCodeError('missing_tag', `${pix.id}.${ACCOUNT_TAG.key}`, 'neither key nor location');
    }
    return { ...payment, ...common };
  }
  const tag = recurrence.tag === RECURRENCE_TAG ? {} : { recurrenceTag: recurrence.tag };
  if (payment.kind !== 'none') {
    return {
      kind: 'automatic',
      recurrence: recurrence.location,
      ...tag,
      payment: automaticPayment(payment, pix),
      ...common,
    };
  }
  if (payment.amountText !== undefined) {
    throw new BRCodeError('bad_value', TAG.amount, 'a recurrence offered without a payment carries no amount');
  }
  return { kind: 'automatic', recurrence: recurrence.location, ...tag, ...txidOnly(payment.txid), ...common };
}

function automaticPayment(payment: Exclude<Payment, { kind: 'none' }>, pix: PixAccount): AutomaticPayment {
  if (payment.kind === 'saque') {
    // §2.8.4.1: payments started from a composite code allow neither saque nor troco.
    throw new BRCodeError('bad_value', `${pix.id}.${ACCOUNT_TAG.facilitator}`, 'a Pix Automático code offers no saque');
  }
  return payment;
}

function txidOnly(txid: string | undefined): { txid?: string } {
  return txid === undefined ? {} : { txid };
}

function readUsage(value: string | undefined): CodeUsage | undefined {
  if (value === undefined) return undefined;
  if (value === '11') return 'reusable';
  if (value === '12') return 'single-use';
  throw new BRCodeError('bad_value', TAG.usage, `"${value}" is neither 11 nor 12`);
}

function expectValue(tag: string, value: string, expected: string): void {
  if (value !== expected) throw new BRCodeError('bad_value', tag, `is "${value}", must be "${expected}"`);
}
