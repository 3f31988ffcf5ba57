import { BRCodeError } from './errors.js';

/** One EMV data object: a two-digit ID and its value. */
export interface DataObject {
  readonly id: string;
  readonly value: string;
}

/** A data object read from a payload, with where it starts and ends. */
export interface ReadDataObject extends DataObject {
  readonly start: number;
  readonly end: number;
}

const MAX_VALUE_LENGTH = 99;
const TWO_DIGITS = /^\d\d$/;

/** `ID + LENGTH + VALUE`; refuses a value that does not fit a two-digit length. */
export function writeDataObject(id: string, value: string, path: string = id): string {
  if (value.length === 0) throw new BRCodeError('bad_value', path, 'value is empty');
  if (value.length > MAX_VALUE_LENGTH) {
    throw new BRCodeError('value_too_long', path, `value has ${value.length} characters, at most 99 fit`);
  }
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/**
 * Reads the data object starting at `start`. Outside a template a fault is reported against
 * the object's own ID; inside one (`template` set) as bad nesting of that template, because
 * a wrong inner length is a fault of the template's content as a whole.
 */
export function readDataObjectAt(text: string, start: number, template?: string): ReadDataObject {
  const id = text.slice(start, start + 2);
  const length = text.slice(start + 2, start + 4);
  const fault = (code: 'bad_tag' | 'bad_length', tag: string, detail: string) =>
    template === undefined
      ? new BRCodeError(code, tag, detail)
      : new BRCodeError('bad_nesting', template, `inner data object ${id || '(none)'}: ${detail}`);

  if (!TWO_DIGITS.test(id)) throw fault('bad_tag', id, `ID at offset ${start} is not two digits`);
  if (!TWO_DIGITS.test(length)) throw fault('bad_length', id, `length "${length}" is not two decimal digits`);
  const size = Number(length);
  if (size === 0) throw fault('bad_length', id, 'length is 00, values have at least one character');
  const end = start + 4 + size;
  if (end > text.length) {
    throw fault('bad_length', id, `length ${length} runs ${end - text.length} characters past the end`);
  }
  return { id, value: text.slice(start + 4, end), start, end };
}

/** Reads a template's value as a list of data objects that must fill it exactly. */
export function readTemplate(value: string, template: string): ReadDataObject[] {
  const objects: ReadDataObject[] = [];
  let offset = 0;
  while (offset < value.length) {
    const object = readDataObjectAt(value, offset, template);
    objects.push(object);
    offset = object.end;
  }
  return objects;
}

/** Indexes data objects by ID, refusing an ID that appears twice under the same parent. */
export function byId<T extends DataObject>(objects: readonly T[], parent?: string): Map<string, T> {
  const found = new Map<string, T>();
  for (const object of objects) {
    const path = parent === undefined ? object.id : `${parent}.${object.id}`;
    if (found.has(object.id)) throw new BRCodeError('duplicate_tag', path, 'appears more than once');
    found.set(object.id, object);
  }
  return found;
}
