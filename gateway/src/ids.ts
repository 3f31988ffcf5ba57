import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeTime = (ms: number): string => {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  return time;
};

const randomPart = (): number[] => [...randomBytes(16)].map((b) => b % 32);

/** Adds one to a base32 digit string, so ids minted in the same millisecond still sort in order. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if ((next[i] as number) < 31) {
      next[i] = (next[i] as number) + 1;
      return next;
    }
    next[i] = 0;
  }
  return randomPart();
}

/**
 * Monotonic ULIDs: 10 characters of millisecond time then 16 random ones, all Crockford base32.
 * Time-ordered ids keep B-tree inserts local and break ties between rows of the same instant;
 * 26 alphanumerics also make a valid Pix `txid`.
 */
export function ulidFactory(now: () => number): () => string {
  let lastMs = -1;
  let last: number[] = [];
  return () => {
    const ms = now();
    last = ms === lastMs ? increment(last) : randomPart();
    lastMs = ms;
    return encodeTime(ms) + last.map((d) => CROCKFORD.charAt(d)).join('');
  };
}

export type IdPrefix =
  | 'ord'
  | 'rfd'
  | 'evt'
  | 'sto'
  | 'till'
  | 'mer'
  | 'pac'
  | 'pay'
  | 'req'
  | 'whe'
  | 'whd'
  | 'usr'
  | 'doc'
  | 'aud'
  | 'rpt'
  | 'rsb'
  | 'rsd'
  | 'pl';

export type IdGenerator = (prefix: IdPrefix) => string;

export function ulidIds(clock: { now(): Date }): IdGenerator {
  const next = ulidFactory(() => clock.now().getTime());
  return (prefix) => `${prefix}_${next()}`;
}

const ID_PATTERN = /^[a-z]{2,4}_[0-9A-Z]{26}$/;

/** True for an id of ours with this prefix; anything else is a 400 before any query. */
export const isId = (prefix: IdPrefix, value: string): boolean =>
  value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);

/** A random secret of 32 bytes, base64url, with a readable prefix. */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;
