/**
 * ============================ KNOWN UNTIL sec-edge AND sec-ws MERGE ============================
 * Failures the fuzzers find on this branch that sibling branches fix (issue 11). A failing case that
 * matches one of these is counted and printed, not failed. DELETE EACH ENTRY once its branch is merged;
 * the fuzzers then hold the fix. Nothing else may be added here: a new finding is fixed or reported.
 * ===============================================================================================
 */
import type { FuzzFailure } from './oracle.js';

export interface KnownFinding {
  id: string;
  branch: 'sec-edge' | 'sec-ws';
  finding: string;
  matches(f: FuzzFailure): boolean;
}

const has = (f: FuzzFailure, needle: RegExp) => needle.test(f.request.text);

export const KNOWN_UNTIL_MERGE: readonly KnownFinding[] = [
  {
    id: 'content-encoding',
    branch: 'sec-edge',
    finding: '6: Content-Encoding gzip/br/deflate on a body that is not compressed (or broken) answers 500',
    matches: (f) => f.rule === 'never a 500' && f.request.contentEncoding !== undefined,
  },
  {
    id: 'nul-or-lone-surrogate',
    branch: 'sec-edge',
    finding: '6: NUL (\\u0000) or a lone surrogate in a string reaches the database: 500 instead of 422',
    matches: (f) =>
      f.rule === 'never a 500' && has(f, /\\u0000|%00|\\ud[89ab][0-9a-f]{2}|\\ud[c-f][0-9a-f]{2}|%ED%[AB]/i),
  },
  {
    id: 'cursor-date',
    branch: 'sec-edge',
    finding: '6: an out-of-range date inside a cursor answers 500 instead of 400',
    matches: (f) => f.rule === 'never a 500' && /[?&](cursor|created_from|created_to)=/.test(f.request.path),
  },
  {
    id: 'non-json-body-415',
    branch: 'sec-edge',
    finding: '6: text/plain, form and XML bodies answer 422 where the catalogue says 415',
    matches: (f) => f.rule === 'non-JSON body is 415' && f.status === 422,
  },
  {
    id: 'lenient-query-numbers',
    branch: 'sec-edge',
    finding: "11: numbers in queries accept '' and 0x10 (amount_min and the other coerced numbers)",
    matches: (f) => f.rule === 'malformed query number refused',
  },
  {
    id: 'malformed-frames',
    branch: 'sec-ws',
    finding:
      '1: an oversized, unmasked, invalid-UTF-8 or otherwise malformed frame kills the process; such frames are not sent until then',
    matches: (f) => f.rule === 'malformed frame',
  },
];

/** The known finding this failure is, if any. */
export const knownFinding = (f: FuzzFailure): KnownFinding | undefined => KNOWN_UNTIL_MERGE.find((k) => k.matches(f));

/** Whether a kind of case is still known to crash the gateway, so the fuzzer must not send it yet. */
export const stillKnown = (id: string): boolean => KNOWN_UNTIL_MERGE.some((k) => k.id === id);
