import { formatReais } from './amount.js';
import { crc16 } from './crc.js';
import {
  ACCOUNT_TAG,
  type BRCodeFields,
  CATEGORY_CODE,
  COUNTRY_BR,
  CURRENCY_BRL,
  GUI_TAG,
  NO_TXID,
  PAYLOAD_FORMAT,
  PIX_GUI,
  TAG,
  TXID_TAG,
  type UnreservedTemplate,
  USAGE_CODE,
} from './fields.js';
import { checkFields } from './rules.js';
import { writeDataObject } from './tlv.js';

/**
 * Builds a BR Code ("Pix copia e cola") from a field set, with its CRC.
 *
 * Values are checked, never rewritten: text from users goes through `normaliseMerchantText`
 * first. Data objects are written in ascending tag order, and the amount is integer centavos.
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
  const parts = [
    writeDataObject(TAG.payloadFormat, PAYLOAD_FORMAT),
    fields.usage === undefined ? '' : writeDataObject(TAG.usage, USAGE_CODE[fields.usage]),
    writeDataObject(TAG.merchantAccount, merchantAccount(fields)),
    writeDataObject(TAG.categoryCode, CATEGORY_CODE),
    writeDataObject(TAG.currency, CURRENCY_BRL),
    fields.kind === 'static' && fields.amount !== undefined
      ? writeDataObject(TAG.amount, formatReais(fields.amount))
      : '',
    writeDataObject(TAG.country, COUNTRY_BR),
    writeDataObject(TAG.merchantName, fields.merchantName),
    writeDataObject(TAG.merchantCity, fields.merchantCity),
    fields.postalCode === undefined ? '' : writeDataObject(TAG.postalCode, fields.postalCode),
    writeDataObject(TAG.additionalData, writeDataObject(TXID_TAG, txid(fields))),
    ...[...(fields.unreserved ?? [])].sort((a, b) => a.tag.localeCompare(b.tag)).map(unreservedTemplate),
    `${TAG.crc}04`,
  ];
  const payload = parts.join('');
  return payload + crc16(payload);
}

function merchantAccount(fields: BRCodeFields): string {
  const gui = writeDataObject(ACCOUNT_TAG.gui, PIX_GUI);
  if (fields.kind === 'dynamic') return gui + writeDataObject(ACCOUNT_TAG.location, fields.location);
  const info = fields.info === undefined ? '' : writeDataObject(ACCOUNT_TAG.info, fields.info);
  return gui + writeDataObject(ACCOUNT_TAG.key, fields.key) + info;
}

function txid(fields: BRCodeFields): string {
  return fields.kind === 'static' && fields.txid !== undefined ? fields.txid : NO_TXID;
}

function unreservedTemplate(template: UnreservedTemplate): string {
  const inner = template.fields.map(({ id, value }) => writeDataObject(id, value, `${template.tag}.${id}`));
  return writeDataObject(template.tag, writeDataObject(GUI_TAG, template.gui) + inner.join(''));
}
