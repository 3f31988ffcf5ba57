import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTAVOS } from './amount.js';
import { encodeBRCode } from './encode.js';
import { BRCodeError } from './errors.js';
import type {
  AutomaticBRCodeFields,
  BRCodeFields,
  BRCodeKind,
  DueDynamicBRCodeFields,
  DynamicBRCodeFields,
  SaqueBRCodeFields,
  StaticBRCodeFields,
  UnreservedTemplate,
} from './fields.js';
import { locationResource } from './location.js';
import { parseBRCode } from './parse.js';
import type { DataObject } from './tlv.js';

// A fixed seed and small budgets: the file stays well under a few seconds and fails the same way twice.
const RUNS = { seed: 20261201, numRuns: 50 };

const text = (minLength: number, maxLength: number) => fc.string({ unit: 'grapheme-ascii', minLength, maxLength });
const twoDigits = (n: number) => String(n).padStart(2, '0');
const tlv = (id: string, value: string) => `${id}${twoDigits(value.length)}${value}`;
const sortedIds = (min: number, max: number, maxLength: number) =>
  fc.uniqueArray(fc.integer({ min, max }), { maxLength }).map((ids) => ids.sort((a, b) => a - b).map(twoDigits));

/** Another scheme's template: a GUI that is not Pix's and one field. */
const foreignTemplate = fc
  .tuple(fc.stringMatching(/^com\.[a-z]{1,8}$/), text(1, 12))
  .map(([gui, v]) => tlv('00', gui) + tlv('01', v));

const unreservedTemplate = (tag: string): fc.Arbitrary<UnreservedTemplate> =>
  fc.record({
    tag: fc.constant(tag),
    gui: fc.stringMatching(/^com\.[a-z]{1,10}$/),
    fields: sortedIds(1, 99, 3).chain((ids) =>
      fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), value: text(1, 15) }))),
    ),
  });

/** Merchant fields; Pix's account at `accountTag`, and other arrangements' accounts around it. */
const merchant = (unreservedTags: number[] = []) =>
  fc.integer({ min: 26, max: 51 }).chain((pixTag) =>
    fc.record(
      {
        merchantName: text(1, 25),
        merchantCity: text(1, 15),
        postalCode: text(1, 99),
        usage: fc.constantFrom('reusable' as const, 'single-use' as const),
        accountTag: fc.constant(twoDigits(pixTag)),
        otherAccounts: sortedIds(2, 51, 2)
          .map((ids) => ids.filter((id) => id !== twoDigits(pixTag)))
          .filter((ids) => ids.length > 0)
          .chain((ids) =>
            fc.tuple(
              ...ids.map(
                (id): fc.Arbitrary<DataObject> =>
                  fc.record({ id: fc.constant(id), value: Number(id) < 26 ? text(1, 20) : foreignTemplate }),
              ),
            ),
          ),
        additionalTemplates: sortedIds(50, 99, 1)
          .filter((ids) => ids.length > 0)
          .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), value: foreignTemplate })))),
        unreserved: sortedIds(80, 99, 2)
          .map((tags) => tags.filter((tag) => !unreservedTags.includes(Number(tag))))
          .filter((tags) => tags.length > 0)
          .chain((tags) => fc.tuple(...tags.map(unreservedTemplate))),
      },
      { requiredKeys: ['merchantName', 'merchantCity', 'accountTag'] },
    ),
  );

const amount = fc.integer({ min: 1, max: MAX_AMOUNT_CENTAVOS });
const staticTxid = fc.stringMatching(/^[A-Za-z0-9]{1,25}$/);

/** Template 26 holds at most 99: the GUI takes 18, the key 4 + its length, the info 4 + its length, a facilitator 12. */
const keyPayment = (room: number) =>
  text(1, Math.min(77, room - 5)).chain((key) =>
    fc.record(
      {
        key: fc.constant(key),
        ...(key.length <= room - 9 ? { info: text(1, room - 8 - key.length) } : {}),
        amount,
        txid: staticTxid,
      },
      { requiredKeys: ['key'] },
    ),
  );

const host = fc.stringMatching(/^[a-z0-9-]{1,12}\.[a-z]{2,5}$/);
const token = fc.stringMatching(/^[A-Za-z0-9-]{1,32}$/);
const MIDDLE = {
  cob: ['', 'qr/v2/', 'cob/', 'pix/123/cob/'],
  cobv: ['cobv/', 'qr/v2/cobv/'],
  rec: ['rec/', 'qr/v2/rec/'],
};
const locationOn = (on: string, resource: keyof typeof MIDDLE) =>
  fc.tuple(fc.constantFrom(...MIDDLE[resource]), token).map(([middle, t]) => `${on}/${middle}${t}`);
/** Any text a PSP could write (no scheme) that reads as an immediate charge, besides well-formed ones. */
const looseCobLocation = text(1, 77).filter(
  (l) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(l) && locationResource(l) === 'cob',
);

const locationPayment = (location: fc.Arbitrary<string>) =>
  fc.record({ location, amount, txid: text(1, 25).filter((t) => t !== '***') }, { requiredKeys: ['location'] });

const KINDS: Record<BRCodeKind, fc.Arbitrary<BRCodeFields>> = {
  static: fc
    .tuple(keyPayment(81), merchant())
    .map(([payment, common]): StaticBRCodeFields => ({ kind: 'static', ...payment, ...common })),
  saque: fc
    .tuple(keyPayment(69), fc.stringMatching(/^\d{8}$/), merchant())
    .map(
      ([payment, facilitator, common]): SaqueBRCodeFields => ({ kind: 'saque', facilitator, ...payment, ...common }),
    ),
  dynamic: fc
    .tuple(
      locationPayment(
        fc.oneof(
          host.chain((h) => locationOn(h, 'cob')),
          looseCobLocation,
        ),
      ),
      merchant(),
    )
    .map(([payment, common]): DynamicBRCodeFields => ({ kind: 'dynamic', ...payment, ...common })),
  'dynamic-due': fc
    .tuple(locationPayment(host.chain((h) => locationOn(h, 'cobv'))), merchant())
    .map(([payment, common]): DueDynamicBRCodeFields => ({ kind: 'dynamic-due', ...payment, ...common })),
  automatic: fc.integer({ min: 80, max: 99 }).chain((recurrenceTag) =>
    host.chain((h) =>
      fc
        .tuple(
          locationOn(h, 'rec'),
          fc.option(
            fc.oneof(
              keyPayment(81).map((p) => ({ kind: 'static' as const, ...p })),
              locationPayment(locationOn(h, 'cob')).map((p) => ({ kind: 'dynamic' as const, ...p })),
              locationPayment(locationOn(h, 'cobv')).map((p) => ({ kind: 'dynamic-due' as const, ...p })),
            ),
            { nil: undefined },
          ),
          fc.option(staticTxid, { nil: undefined }),
          merchant([recurrenceTag]),
        )
        .map(
          ([recurrence, payment, txid, common]): AutomaticBRCodeFields => ({
            kind: 'automatic',
            recurrence,
            ...(recurrenceTag === 80 ? {} : { recurrenceTag: String(recurrenceTag) }),
            ...(payment === undefined ? (txid === undefined ? {} : { txid }) : { payment }),
            ...common,
          }),
        ),
    ),
  ),
};

/** What parse gives back for a field set: the same, with the defaults it leaves out. */
function canonical(fields: BRCodeFields): BRCodeFields {
  const { accountTag, ...rest } = fields;
  return accountTag === '26' ? rest : fields;
}

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

describe('BR Code codec properties', () => {
  it.each(Object.keys(KINDS) as BRCodeKind[])(
    '%s: encode → parse gives the fields back, and encode again the same payload',
    (kind) => {
      fc.assert(
        fc.property(KINDS[kind], (original) => {
          const payload = encodeBRCode(original);
          const { crc, ...parsed } = parseBRCode(payload);
          expect(parsed).toEqual(canonical(original));
          expect(parsed.kind).toBe(kind);
          expect(payload.endsWith(crc)).toBe(true);
          expect(encodeBRCode(parsed)).toBe(payload);
        }),
        RUNS,
      );
    },
  );

  it('refuses any payload of any kind with one character substituted', () => {
    const substituted = fc.oneof(...Object.values(KINDS)).chain((original) => {
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
      { ...RUNS, numRuns: 150 },
    );
  });
});
