import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_DIGITS = 16;
/** Enough randomness for 256 ids: one call into the CSPRNG (and one buffer) per pool instead of per id. */
const POOL_BYTES = RANDOM_DIGITS * 256;

const encodeTime = (ms: number): string => {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  return time;
};

/** Random bytes handed out from a pool drawn in one piece; a spent pool is replaced, never refilled, so no view changes. */
export function pooledRandom(poolBytes = POOL_BYTES): (n: number) => Uint8Array {
  let pool = randomBytes(poolBytes);
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = randomBytes(Math.max(poolBytes, n));
      at = 0;
    }
    at += n;
    return pool.subarray(at - n, at);
  };
}

/** Fills `digits` with random base32 digits (a byte modulo 32 is uniform: 256 is a multiple of 32). */
function randomize(digits: Uint8Array, random: (n: number) => Uint8Array): void {
  const bytes = random(digits.length);
  for (let i = 0; i < digits.length; i++) digits[i] = (bytes[i] as number) & 31;
}

/** Adds one to a base32 digit string in place, so ids minted in the same millisecond still sort in order; false on overflow. */
function increment(digits: Uint8Array): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    if ((digits[i] as number) < 31) {
      digits[i] = (digits[i] as number) + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

/**
 * Monotonic ULIDs: 10 characters of millisecond time then 16 random ones, all Crockford base32.
 * Time-ordered ids keep B-tree inserts local and break ties between rows of the same instant;
 * 26 alphanumerics also make a valid Pix `txid`.
 */
export function ulidFactory(now: () => number, random = pooledRandom()): () => string {
  let lastMs = -1;
  const digits = new Uint8Array(RANDOM_DIGITS);
  return () => {
    const ms = now();
    if (ms !== lastMs || !increment(digits)) randomize(digits, random);
    lastMs = ms;
    let id = encodeTime(ms);
    for (const d of digits) id += CROCKFORD.charAt(d);
    return id;
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
