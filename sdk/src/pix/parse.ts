import { parseReais } from './amount.js';
import { crc16 } from './crc.js';
import { BRCodeError } from './errors.js';
import {
  ACCOUNT_TAG,
  type BRCodeFields,
  CATEGORY_CODE,
  COUNTRY_BR,
  type CodeUsage,
  CURRENCY_BRL,
  GUI_TAG,
  isUnreservedTag,
  NO_TXID,
  PAYLOAD_FORMAT,
  type ParsedBRCode,
  PIX_GUI,
  TAG,
  TXID_TAG,
  type UnreservedTemplate,
} from './fields.js';
import { checkFields } from './rules.js';
import { byId, type ReadDataObject, readDataObjectAt, readTemplate } from './tlv.js';

const KNOWN_TAGS = new Set<string>(Object.values(TAG));
const ACCOUNT_TAGS = new Set<string>(Object.values(ACCOUNT_TAG));
const CRC_TEXT = /^[0-9A-F]{4}$/;

/**
 * Reads and verifies a BR Code ("Pix copia e cola"): every ID, length and nesting, the
 * required tags and their fixed values, the limits of each value, and the CRC.
 *
 * The result can be handed straight back to `encodeBRCode`; for a code written in ascending
 * tag order (as the Manual's and this encoder's are) that gives back the same characters.
 *
 * @throws {BRCodeError} with the fault's `code` and the `tag` it was found at.
 * @example
 * ```ts
 * const code = parseBRCode(pastedText);
 * if (code.kind === 'dynamic') await fetchCharge(`https://${code.location}`);
 * else console.log(code.key, code.amount); // amount in integer centavos, or undefined
 * ```
 */
export function parseBRCode(text: string): ParsedBRCode {
  const objects = readPayload(text);
  const top = byId(objects);
  for (const { id } of objects) {
    if (!KNOWN_TAGS.has(id) && !isUnreservedTag(id)) throw new BRCodeError('bad_tag', id, 'is not a BR Code tag');
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

  const usage = readUsage(top.get(TAG.usage)?.value);
  const postalCode = top.get(TAG.postalCode)?.value;
  const unreserved = objects.filter(({ id }) => isUnreservedTag(id)).map(readUnreserved);
  const common = {
    merchantName: required(TAG.merchantName),
    merchantCity: required(TAG.merchantCity),
    ...(postalCode === undefined ? {} : { postalCode }),
    ...(usage === undefined ? {} : { usage }),
    ...(unreserved.length === 0 ? {} : { unreserved }),
  };
  const fields = readAccount(required(TAG.merchantAccount), readTxid(required(TAG.additionalData)), common, top);
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

type CommonFields = Omit<BRCodeFields, 'kind' | 'key' | 'info' | 'amount' | 'txid' | 'location'>;

function readAccount(
  value: string,
  txid: string,
  common: CommonFields,
  top: ReadonlyMap<string, ReadDataObject>,
): BRCodeFields {
  const account = byId(readTemplate(value, TAG.merchantAccount), TAG.merchantAccount);
  const path = (id: string) => `${TAG.merchantAccount}.${id}`;
  for (const id of account.keys()) {
    if (!ACCOUNT_TAGS.has(id)) {
      throw new BRCodeError('bad_tag', path(id), 'is not a Pix merchant account field');
    }
  }
  const gui = account.get(ACCOUNT_TAG.gui)?.value;
  if (gui === undefined) throw new BRCodeError('missing_tag', path(ACCOUNT_TAG.gui), 'is required');
  expectValue(path(ACCOUNT_TAG.gui), gui, PIX_GUI);
  const key = account.get(ACCOUNT_TAG.key)?.value;
  const info = account.get(ACCOUNT_TAG.info)?.value;
  const location = account.get(ACCOUNT_TAG.location)?.value;

  if (location !== undefined) {
    if (key !== undefined) throw new BRCodeError('bad_value', path(ACCOUNT_TAG.key), 'a dynamic code carries no key');
    if (info !== undefined)
      throw new BRCodeError('bad_value', path(ACCOUNT_TAG.info), 'a dynamic code carries no info');
    if (top.has(TAG.amount)) throw new BRCodeError('bad_value', TAG.amount, 'a dynamic code carries no amount');
    if (txid !== NO_TXID) {
      throw new BRCodeError('bad_value', `${TAG.additionalData}.${TXID_TAG}`, 'a dynamic code carries txid ***');
    }
    return { kind: 'dynamic', location, ...common };
  }
  if (key === undefined) throw new BRCodeError('missing_tag', path(ACCOUNT_TAG.key), 'neither key nor location');
  const amount = top.get(TAG.amount)?.value;
  return {
    kind: 'static',
    key,
    ...(info === undefined ? {} : { info }),
    ...(amount === undefined ? {} : { amount: parseReais(amount) }),
    ...(txid === NO_TXID ? {} : { txid }),
    ...common,
  };
}

function readTxid(value: string): string {
  const additional = byId(readTemplate(value, TAG.additionalData), TAG.additionalData);
  const txid = additional.get(TXID_TAG)?.value;
  if (txid === undefined) throw new BRCodeError('missing_tag', `${TAG.additionalData}.${TXID_TAG}`, 'is required');
  for (const id of additional.keys()) {
    if (id !== TXID_TAG) throw new BRCodeError('bad_tag', `${TAG.additionalData}.${id}`, 'only 05 (txid) is read');
  }
  return txid;
}

function readUsage(value: string | undefined): CodeUsage | undefined {
  if (value === undefined) return undefined;
  if (value === '11') return 'reusable';
  if (value === '12') return 'single-use';
  throw new BRCodeError('bad_value', TAG.usage, `"${value}" is neither 11 nor 12`);
}

function readUnreserved({ id, value }: ReadDataObject): UnreservedTemplate {
  const objects = readTemplate(value, id);
  const gui = byId(objects, id).get(GUI_TAG)?.value;
  if (gui === undefined) throw new BRCodeError('missing_tag', `${id}.${GUI_TAG}`, 'is required');
  const fields = objects
    .filter((object) => object.id !== GUI_TAG)
    .map((object) => ({ id: object.id, value: object.value }));
  return { tag: id, gui, fields };
}

function expectValue(tag: string, value: string, expected: string): void {
  if (value !== expected) throw new BRCodeError('bad_value', tag, `is "${value}", must be "${expected}"`);
}
