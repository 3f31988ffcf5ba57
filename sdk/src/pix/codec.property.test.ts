import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTAVOS } from './amount.js';
import { encodeBRCode } from './encode.js';
import { BRCodeError } from './errors.js';
import type { BRCodeFields, DynamicBRCodeFields, StaticBRCodeFields, UnreservedTemplate } from './fields.js';
import { parseBRCode } from './parse.js';

const text = (minLength: number, maxLength: number) => fc.string({ unit: 'grapheme-ascii', minLength, maxLength });
const twoDigits = (n: number) => String(n).padStart(2, '0');

const unreservedTemplate = (tag: number): fc.Arbitrary<UnreservedTemplate> =>
  fc.record({
    tag: fc.constant(String(tag)),
    gui: text(1, 20),
    fields: fc
      .uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 3 })
      .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(twoDigits(id)), value: text(1, 15) })))),
  });

// Sorted, because the encoder writes templates in ascending tag order and parse reads them back that way.
const unreserved = fc
  .uniqueArray(fc.integer({ min: 80, max: 99 }), { minLength: 1, maxLength: 3 })
  .chain((tags) => fc.tuple(...tags.sort((a, b) => a - b).map(unreservedTemplate)));

const merchant = {
  merchantName: text(1, 25),
  merchantCity: text(1, 15),
  postalCode: text(1, 99),
  usage: fc.constantFrom('reusable' as const, 'single-use' as const),
  unreserved,
};

// Template 26 holds at most 99: the GUI takes 18, the key 4 + its length, the info 4 + its length.
const staticFields: fc.Arbitrary<StaticBRCodeFields> = text(1, 77).chain((key) =>
  fc.record(
    {
      kind: fc.constant('static' as const),
      key: fc.constant(key),
      ...(key.length <= 73 ? { info: text(1, 73 - key.length) } : {}),
      amount: fc.integer({ min: 1, max: MAX_AMOUNT_CENTAVOS }),
      txid: fc.stringMatching(/^[A-Za-z0-9]{1,25}$/),
      ...merchant,
    },
    { requiredKeys: ['kind', 'key', 'merchantName', 'merchantCity'] },
  ),
);

const dynamicFields: fc.Arbitrary<DynamicBRCodeFields> = fc.record(
  {
    kind: fc.constant('dynamic' as const),
    location: text(1, 77).filter((location) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location)),
    ...merchant,
  },
  { requiredKeys: ['kind', 'location', 'merchantName', 'merchantCity'] },
);

const fields: fc.Arbitrary<BRCodeFields> = fc.oneof(staticFields, dynamicFields);

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

describe('BR Code codec properties', () => {
  it('encode → parse gives back the fields, and encode again the same payload', () => {
    fc.assert(
      fc.property(fields, (original) => {
        const payload = encodeBRCode(original);
        const { crc, ...parsed } = parseBRCode(payload);
        expect(parsed).toEqual(original);
        expect(payload.endsWith(crc)).toBe(true);
        expect(encodeBRCode(parsed)).toBe(payload);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any payload with one character substituted', () => {
    const substituted = fields.chain((original) => {
      const payload = encodeBRCode(original);
      return fc.record({
        payload: fc.constant(payload),
        at: fc.integer({ min: 0, max: payload.length - 1 }),
        // A shift of 1..94 through the 95 printable characters never lands back on the original.
        shift: fc.integer({ min: 1, max: PRINTABLE.length - 1 }),
      });
    });
    fc.assert(
      fc.property(substituted, ({ payload, at, shift }) => {
        const original = payload.charAt(at);
        const replacement = PRINTABLE.charAt((PRINTABLE.indexOf(original) + shift) % PRINTABLE.length);
        expect(replacement).not.toBe(original);
        const changed = payload.slice(0, at) + replacement + payload.slice(at + 1);
        expect(() => parseBRCode(changed)).toThrow(BRCodeError);
      }),
      { numRuns: 2000 },
    );
  });
});
