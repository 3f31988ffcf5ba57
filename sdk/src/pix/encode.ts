import { formatReais } from './amount.js';
import { crc16 } from './crc.js';
import { BRCodeError } from './errors.js';
import {
  ACCOUNT_TAG,
  type BRCodeFields,
  CATEGORY_CODE,
  COUNTRY_BR,
  CURRENCY_BRL,
  GUI_TAG,
  type KeyPayment,
  type LocationPayment,
  NO_TXID,
  PAYLOAD_FORMAT,
  PIX_GUI,
  RECURRENCE_TAG,
  TAG,
  TXID_TAG,
  type UnreservedTemplate,
  USAGE_CODE,
} from './fields.js';
import { checkFields } from './rules.js';
import { type DataObject, writeDataObject } from './tlv.js';

/**
 * Builds a BR Code ("Pix copia e cola") from a field set, with its CRC.
 *
 * Values are checked, never rewritten: text from users goes through `normaliseMerchantText`
 * first. The encoding is canonical: data objects in ascending tag order at every level, the
 * GUI in lowercase, the amount (integer centavos) with exactly two decimals.
 *
 * @throws {BRCodeError} naming the tag of the first value out of bounds.
 * @example
 * ```ts
 * encodeBRCode({
 *   kind: 'static',
 *   key: '123e4567-e12b-12d1-a456-426655440000',
 *   amount: 1000, // R$ 10.00
 *   merchantName: 'Fulano de Tal',
 *   merchantCity: 'BRASILIA',
 * });
 * // '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000'
 * // + '520400005303986540510.005802BR5913Fulano de Tal6008BRASILIA62070503***6304288F'
 * ```
 */
export function encodeBRCode(fields: BRCodeFields): string {
  checkFields(fields);
  const payment = paymentOf(fields);
  const objects: DataObject[] = [
    { id: TAG.payloadFormat, value: PAYLOAD_FORMAT },
    ...(fields.usage === undefined ? [] : [{ id: TAG.usage, value: USAGE_CODE[fields.usage] }]),
    { id: fields.accountTag ?? TAG.merchantAccount, value: merchantAccount(fields) },
    ...(fields.otherAccounts ?? []),
    { id: TAG.categoryCode, value: CATEGORY_CODE },
    { id: TAG.currency, value: CURRENCY_BRL },
    ...(payment?.amount === undefined ? [] : [{ id: TAG.amount, value: formatReais(payment.amount) }]),
    { id: TAG.country, value: COUNTRY_BR },
    { id: TAG.merchantName, value: fields.merchantName },
    { id: TAG.merchantCity, value: fields.merchantCity },
    ...(fields.postalCode === undefined ? [] : [{ id: TAG.postalCode, value: fields.postalCode }]),
    { id: TAG.additionalData, value: additionalData(fields, payment?.txid ?? automaticTxid(fields)) },
    ...(fields.unreserved ?? []).map(unreservedTemplate),
    ...(fields.kind === 'automatic' ? [recurrenceTemplate(fields.recurrenceTag, fields.recurrence)] : []),
  ];
  const payload = `${writeSorted(objects)}${TAG.crc}04`;
  return payload + crc16(payload);
}

/** The part of the field set that fills template 26, tag 54 and tag 62.05; none for a bare recurrence. */
function paymentOf(fields: BRCodeFields): Partial<KeyPayment & LocationPayment> | undefined {
  return fields.kind === 'automatic' ? fields.payment : fields;
}

function automaticTxid(fields: BRCodeFields): string | undefined {
  return fields.kind === 'automatic' ? fields.txid : undefined;
}

function merchantAccount(fields: BRCodeFields): string {
  const payment = paymentOf(fields);
  const objects: DataObject[] = [{ id: ACCOUNT_TAG.gui, value: PIX_GUI }];
  if (payment?.location !== undefined) objects.push({ id: ACCOUNT_TAG.location, value: payment.location });
  if (payment?.key !== undefined) objects.push({ id: ACCOUNT_TAG.key, value: payment.key });
  if (payment?.info !== undefined) objects.push({ id: ACCOUNT_TAG.info, value: payment.info });
  if (fields.kind === 'saque') objects.push({ id: ACCOUNT_TAG.facilitator, value: fields.facilitator });
  return writeSorted(objects, fields.accountTag ?? TAG.merchantAccount);
}

function additionalData(fields: BRCodeFields, txid: string | undefined): string {
  const objects = [{ id: TXID_TAG, value: txid ?? NO_TXID }, ...(fields.additionalTemplates ?? [])];
  return writeSorted(objects, TAG.additionalData);
}

function unreservedTemplate(template: UnreservedTemplate): DataObject {
  const inner = [{ id: GUI_TAG, value: template.gui }, ...template.fields];
  return { id: template.tag, value: writeSorted(inner, template.tag) };
}

function recurrenceTemplate(tag: string | undefined, location: string): DataObject {
  const id = tag ?? RECURRENCE_TAG;
  const inner = [
    { id: GUI_TAG, value: PIX_GUI },
    { id: ACCOUNT_TAG.location, value: location },
  ];
  return { id, value: writeSorted(inner, id) };
}

/** Data objects in ascending ID order, each ID once: the one canonical spelling of a level. */
function writeSorted(objects: readonly DataObject[], parent?: string): string {
  const path = (id: string) => (parent === undefined ? id : `${parent}.${id}`);
  const sorted = [...objects].sort((a, b) => a.id.localeCompare(b.id));
  for (let i = 1; i < sorted.length; i++) {
    const id = sorted[i]?.id ?? '';
    if (id === sorted[i - 1]?.id) throw new BRCodeError('duplicate_tag', path(id), 'appears more than once');
  }
  return sorted.map(({ id, value }) => writeDataObject(id, value, path(id))).join('');
}
