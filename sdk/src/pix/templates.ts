import { BRCodeError } from './errors.js';
import {
  ACCOUNT_TAG,
  GUI_TAG,
  isAccountTag,
  isAccountTemplateTag,
  isAdditionalTemplateTag,
  isPixGui,
  isUnreservedTag,
  PIX_GUI,
  TAG,
  TXID_TAG,
  type UnreservedTemplate,
} from './fields.js';
import { byId, type DataObject, type ReadDataObject, readTemplate } from './tlv.js';

/** The fields Pix defines in its merchant account template (§2.6, §2.7). */
const PIX_ACCOUNT_FIELDS = new Set<string>(Object.values(ACCOUNT_TAG));

interface MerchantAccounts {
  /** Pix's template: its ID (26 to 51) and its fields by ID. */
  readonly pix: { readonly id: string; readonly fields: ReadonlyMap<string, string> };
  /** Other arrangements' merchant account information, as read. */
  readonly others: DataObject[];
}

/**
 * Finds Pix's merchant account template among IDs 26 to 51 (the one whose GUI is
 * `br.gov.bcb.pix`, in any case) and keeps the other arrangements' ones (02 to 51) as read.
 */
export function readMerchantAccounts(objects: readonly ReadDataObject[]): MerchantAccounts {
  const others: DataObject[] = [];
  let pix: MerchantAccounts['pix'] | undefined;
  let conventional: { gui: string } | undefined;
  for (const { id, value } of objects.filter((object) => isAccountTag(object.id))) {
    if (!isAccountTemplateTag(id)) {
      others.push({ id, value });
      continue;
    }
    const fields = byId(readTemplate(value, id), id);
    const gui = fields.get(GUI_TAG)?.value;
    if (gui === undefined) throw new BRCodeError('missing_tag', `${id}.${GUI_TAG}`, 'is required');
    if (id === TAG.merchantAccount) conventional = { gui };
    if (!isPixGui(gui)) {
      others.push({ id, value });
      continue;
    }
    if (pix !== undefined) throw new BRCodeError('duplicate_tag', `${id}.${GUI_TAG}`, 'a second Pix merchant account');
    for (const inner of fields.keys()) {
      if (!PIX_ACCOUNT_FIELDS.has(inner)) {
        throw new BRCodeError('bad_tag', `${id}.${inner}`, 'is not a Pix merchant account field');
      }
    }
    pix = { id, fields: new Map([...fields].map(([inner, object]) => [inner, object.value])) };
  }
  if (pix !== undefined) return { pix, others };
  if (conventional !== undefined) {
    throw new BRCodeError('bad_value', `${TAG.merchantAccount}.${GUI_TAG}`, `is "${conventional.gui}", not ${PIX_GUI}`);
  }
  throw new BRCodeError('missing_tag', TAG.merchantAccount, 'no merchant account template carries the Pix GUI');
}

/**
 * Splits templates 80 to 99 into Pix's recurrence (§2.8: GUI `br.gov.bcb.pix` and the
 * recurrence location in 25) and other schemes' templates, kept as read.
 */
export function readUnreservedTemplates(objects: readonly ReadDataObject[]): {
  unreserved: UnreservedTemplate[];
  recurrence: { tag: string; location: string } | undefined;
} {
  const unreserved: UnreservedTemplate[] = [];
  let recurrence: { tag: string; location: string } | undefined;
  for (const { id, value } of objects.filter((object) => isUnreservedTag(object.id))) {
    const inner = readTemplate(value, id);
    const fields = byId(inner, id);
    const gui = fields.get(GUI_TAG)?.value;
    if (gui === undefined) throw new BRCodeError('missing_tag', `${id}.${GUI_TAG}`, 'is required');
    if (!isPixGui(gui)) {
      const rest = inner.filter((object) => object.id !== GUI_TAG).map(idAndValue);
      unreserved.push({ tag: id, gui, fields: rest });
      continue;
    }
    if (recurrence !== undefined) throw new BRCodeError('duplicate_tag', `${id}.${GUI_TAG}`, 'a second recurrence');
    for (const field of fields.keys()) {
      if (field !== GUI_TAG && field !== ACCOUNT_TAG.location) {
        throw new BRCodeError('bad_tag', `${id}.${field}`, "is not a field of Pix's recurrence template");
      }
    }
    const location = fields.get(ACCOUNT_TAG.location)?.value;
    if (location === undefined) throw new BRCodeError('missing_tag', `${id}.${ACCOUNT_TAG.location}`, 'is required');
    recurrence = { tag: id, location };
  }
  return { unreserved, recurrence };
}

/** Template 62: the txid (05, required) and payment-system templates (50 to 99), kept as read. */
export function readAdditionalData(value: string): { txid: string; templates: DataObject[] } {
  const objects = readTemplate(value, TAG.additionalData);
  const additional = byId(objects, TAG.additionalData);
  const txid = additional.get(TXID_TAG)?.value;
  if (txid === undefined) throw new BRCodeError('missing_tag', `${TAG.additionalData}.${TXID_TAG}`, 'is required');
  const templates: DataObject[] = [];
  for (const object of objects) {
    if (object.id === TXID_TAG) continue;
    if (!isAdditionalTemplateTag(object.id)) {
      throw new BRCodeError('bad_tag', `${TAG.additionalData}.${object.id}`, 'Pix reads 05 (txid) and templates 50–99');
    }
    templates.push(idAndValue(object));
  }
  return { txid, templates };
}

const idAndValue = ({ id, value }: DataObject): DataObject => ({ id, value });
