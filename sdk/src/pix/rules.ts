import { formatReais } from './amount.js';
import { BRCodeError } from './errors.js';
import {
  ACCOUNT_TAG,
  type AutomaticBRCodeFields,
  type BRCodeFields,
  GUI_MAX,
  GUI_TAG,
  isAccountTag,
  isAccountTemplateTag,
  isAdditionalTemplateTag,
  isPixGui,
  isUnreservedTag,
  KEY_MAX,
  type KeyPayment,
  LOCATION_MAX,
  type LocationPayment,
  NO_TXID,
  RECURRENCE_TAG,
  TAG,
  TXID_MAX,
  TXID_TAG,
  type UnreservedTemplate,
  USAGE_CODE,
  VALUE_MAX,
} from './fields.js';
import { type LocationResource, locationHost, locationResource } from './location.js';
import { EMV_TEXT, MERCHANT_CITY_MAX, MERCHANT_NAME_MAX } from './merchant-text.js';
import { byId, type DataObject, readTemplate } from './tlv.js';

const TXID = /^[A-Za-z0-9]+$/;
const ISPB = /^\d{8}$/;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const account = (id: string) => `${TAG.merchantAccount}.${id}`;
const TXID_PATH = `${TAG.additionalData}.${TXID_TAG}`;

/** The location resource each dynamic kind must point at. */
const RESOURCE_OF = { dynamic: 'cob', 'dynamic-due': 'cobv' } as const;

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
  switch (fields.kind) {
    case 'static':
      checkKeyPayment(fields);
      break;
    case 'saque':
      checkKeyPayment(fields);
      if (typeof fields.facilitator !== 'string' || !ISPB.test(fields.facilitator)) {
        throw new BRCodeError('bad_value', account(ACCOUNT_TAG.facilitator), 'the facilitator is an ISPB of 8 digits');
      }
      break;
    case 'dynamic':
    case 'dynamic-due':
      checkLocationPayment(fields, RESOURCE_OF[fields.kind]);
      break;
    case 'automatic':
      checkAutomatic(fields);
      break;
    default:
      throw new BRCodeError(
        'bad_value',
        TAG.merchantAccount,
        `kind "${(fields as { kind: unknown }).kind}" is unknown`,
      );
  }
  checkAccountTag(fields.accountTag);
  checkOthers(fields.otherAccounts ?? [], isAccountTag, 'merchant accounts of other arrangements use IDs 02 to 51');
  for (const other of fields.otherAccounts ?? []) checkOtherAccountTemplate(other);
  checkOthers(fields.additionalTemplates ?? [], isAdditionalTemplateTag, 'templates in 62 use IDs 50 to 99', '62.');
  for (const { id, value } of fields.additionalTemplates ?? []) readTemplate(value, `${TAG.additionalData}.${id}`);
  checkUnreserved(fields.unreserved ?? []);
}

function checkKeyPayment(payment: KeyPayment): void {
  checkText(account(ACCOUNT_TAG.key), payment.key, KEY_MAX);
  if (payment.info !== undefined) checkText(account(ACCOUNT_TAG.info), payment.info, VALUE_MAX);
  if (payment.amount !== undefined) formatReais(payment.amount);
  if (payment.txid !== undefined) checkTxid(payment.txid);
}

function checkLocationPayment(payment: LocationPayment, resource: LocationResource): void {
  checkLocation(account(ACCOUNT_TAG.location), payment.location);
  const found = locationResource(payment.location);
  if (found !== resource) {
    throw new BRCodeError('bad_value', account(ACCOUNT_TAG.location), `points at a ${found}, not a ${resource}`);
  }
  if (payment.amount !== undefined) formatReais(payment.amount);
  // The payer's bank ignores a dynamic code's 62.05 (§2.7), so only the EMV limits apply, not §2.6.2's letters and digits.
  if (payment.txid === NO_TXID) throw new BRCodeError('bad_value', TXID_PATH, 'an absent txid is written ***');
  if (payment.txid !== undefined) checkText(TXID_PATH, payment.txid, TXID_MAX);
}

function checkAutomatic(fields: AutomaticBRCodeFields): void {
  const tag = fields.recurrenceTag ?? RECURRENCE_TAG;
  if (!isUnreservedTag(tag)) throw new BRCodeError('bad_tag', tag, 'the recurrence sits in a template 80 to 99');
  const path = `${tag}.${ACCOUNT_TAG.location}`;
  checkLocation(path, fields.recurrence);
  if (locationResource(fields.recurrence) !== 'rec') {
    throw new BRCodeError('bad_value', path, 'a recurrence location has a rec segment');
  }
  const payment = fields.payment;
  if (payment === undefined) {
    if (fields.txid !== undefined) checkTxid(fields.txid);
    return;
  }
  if (fields.txid !== undefined) throw new BRCodeError('bad_value', TXID_PATH, 'the payment carries the txid');
  if (payment.kind === 'static') {
    checkKeyPayment(payment);
    return;
  }
  checkLocationPayment(payment, RESOURCE_OF[payment.kind]);
  // §2.8.3: both URLs must name the same fqdnPspRecebedor.
  if (locationHost(payment.location) !== locationHost(fields.recurrence)) {
    throw new BRCodeError('bad_value', path, 'the recurrence is not on the host of the charge location');
  }
}

function checkAccountTag(tag: string | undefined): void {
  if (tag !== undefined && !isAccountTemplateTag(tag)) {
    throw new BRCodeError('bad_tag', String(tag), "Pix's merchant account template uses an ID from 26 to 51");
  }
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
  checkText(TXID_PATH, txid, TXID_MAX);
  if (!TXID.test(txid)) throw new BRCodeError('bad_value', TXID_PATH, `txid "${txid}" is not letters and digits only`);
}

function checkLocation(path: string, location: string): void {
  checkText(path, location, LOCATION_MAX);
  if (URL_SCHEME.test(location)) throw new BRCodeError('bad_value', path, 'location is written without its scheme');
}

/** Other arrangements' data objects: IDs in their range, each once, values the EMV set allows. */
function checkOthers(objects: readonly DataObject[], inRange: (id: string) => boolean, rule: string, prefix = '') {
  const ids = new Set<string>();
  for (const { id, value } of objects) {
    const path = `${prefix}${id}`;
    if (!inRange(id)) throw new BRCodeError('bad_tag', path, rule);
    if (ids.has(id)) throw new BRCodeError('duplicate_tag', path, 'appears more than once');
    ids.add(id);
    checkText(path, value, VALUE_MAX);
  }
}

/** IDs 26 to 51 are templates (EMV); one with the Pix GUI would be a second Pix account. */
function checkOtherAccountTemplate({ id, value }: DataObject): void {
  if (!isAccountTemplateTag(id)) return;
  const gui = byId(readTemplate(value, id), id).get(GUI_TAG)?.value;
  if (gui === undefined) throw new BRCodeError('missing_tag', `${id}.${GUI_TAG}`, 'is required');
  if (isPixGui(gui)) throw new BRCodeError('duplicate_tag', `${id}.${GUI_TAG}`, 'a second Pix merchant account');
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
    if (isPixGui(template.gui)) {
      throw new BRCodeError('bad_value', `${template.tag}.00`, "Pix's template in 80–99 is the recurrence field");
    }
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
