import { formatReais } from './amount.js';
import { BRCodeError } from './errors.js';
import {
  ACCOUNT_TAG,
  type BRCodeFields,
  GUI_MAX,
  isUnreservedTag,
  KEY_MAX,
  LOCATION_MAX,
  TAG,
  TXID_MAX,
  TXID_TAG,
  type UnreservedTemplate,
  USAGE_CODE,
  VALUE_MAX,
} from './fields.js';
import { EMV_TEXT, MERCHANT_CITY_MAX, MERCHANT_NAME_MAX } from './merchant-text.js';

const TXID = /^[A-Za-z0-9]+$/;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Checks a field set against the Manual's limits. Shared by encode and parse, so a code
 * is refused for the same reasons whichever way it comes in.
 */
export function checkFields(fields: BRCodeFields): void {
  checkText(TAG.merchantName, fields.merchantName, MERCHANT_NAME_MAX);
  checkText(TAG.merchantCity, fields.merchantCity, MERCHANT_CITY_MAX);
  if (fields.postalCode !== undefined) checkText(TAG.postalCode, fields.postalCode, VALUE_MAX);
  if (fields.usage !== undefined && !Object.hasOwn(USAGE_CODE, fields.usage)) {
    throw new BRCodeError('bad_value', TAG.usage, `usage "${fields.usage}" is neither reusable nor single-use`);
  }
  if (fields.kind === 'static') {
    checkText(`${TAG.merchantAccount}.${ACCOUNT_TAG.key}`, fields.key, KEY_MAX);
    if (fields.info !== undefined) checkText(`${TAG.merchantAccount}.${ACCOUNT_TAG.info}`, fields.info, VALUE_MAX);
    if (fields.amount !== undefined) formatReais(fields.amount);
    if (fields.txid !== undefined) checkTxid(fields.txid);
  } else if (fields.kind === 'dynamic') {
    checkLocation(fields.location);
    // Untyped callers could still hand these over; dropping an amount silently is worse than refusing.
    if ('amount' in fields) throw new BRCodeError('bad_value', TAG.amount, 'a dynamic code carries no amount');
    if ('txid' in fields) {
      throw new BRCodeError('bad_value', `${TAG.additionalData}.${TXID_TAG}`, 'a dynamic code carries txid ***');
    }
  } else {
    throw new BRCodeError('bad_value', TAG.merchantAccount, 'kind is neither static nor dynamic');
  }
  checkUnreserved(fields.unreserved ?? []);
}

function checkText(tag: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.length === 0) throw new BRCodeError('bad_value', tag, 'value is missing');
  if (value.length > max) {
    throw new BRCodeError('value_too_long', tag, `value has ${value.length} characters, at most ${max} allowed`);
  }
  if (!EMV_TEXT.test(value)) {
    throw new BRCodeError('bad_value', tag, 'value has characters outside printable ASCII (strip accents first)');
  }
}

function checkTxid(txid: string): void {
  const tag = `${TAG.additionalData}.${TXID_TAG}`;
  checkText(tag, txid, TXID_MAX);
  if (!TXID.test(txid)) throw new BRCodeError('bad_value', tag, `txid "${txid}" is not letters and digits only`);
}

function checkLocation(location: string): void {
  const tag = `${TAG.merchantAccount}.${ACCOUNT_TAG.location}`;
  checkText(tag, location, LOCATION_MAX);
  if (URL_SCHEME.test(location)) throw new BRCodeError('bad_value', tag, 'location is written without its scheme');
}

function checkUnreserved(templates: readonly UnreservedTemplate[]): void {
  const tags = new Set<string>();
  for (const template of templates) {
    if (!isUnreservedTag(template.tag)) {
      throw new BRCodeError('bad_tag', String(template.tag), 'unreserved templates use tags 80 to 99');
    }
    if (tags.has(template.tag)) throw new BRCodeError('duplicate_tag', template.tag, 'appears more than once');
    tags.add(template.tag);
    checkText(`${template.tag}.00`, template.gui, GUI_MAX);
    const ids = new Set<string>();
    for (const { id, value } of template.fields) {
      const path = `${template.tag}.${id}`;
      if (!/^\d\d$/.test(id) || id === '00') throw new BRCodeError('bad_tag', path, 'inner IDs are 01 to 99');
      if (ids.has(id)) throw new BRCodeError('duplicate_tag', path, 'appears more than once');
      ids.add(id);
      checkText(path, value, VALUE_MAX);
    }
  }
}
