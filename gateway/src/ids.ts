import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID: 10 characters of millisecond time then 16 random ones, all Crockford base32.
 * Time-ordered ids keep B-tree inserts local, and 26 alphanumerics make a valid Pix `txid`.
 */
export function ulid(nowMs: number): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += CROCKFORD.charAt(b % 32);
  return time + rand;
}

export type IdPrefix = 'ord' | 'rfd' | 'evt' | 'sto' | 'till' | 'mer' | 'pac' | 'pay' | 'req';

export type IdGenerator = (prefix: IdPrefix) => string;

export const ulidIds =
  (clock: { now(): Date }): IdGenerator =>
  (prefix) =>
    `${prefix}_${ulid(clock.now().getTime())}`;

const ID_PATTERN = /^[a-z]{2,4}_[0-9A-Z]{26}$/;

/** True for an id of ours with this prefix; anything else is a 400 before any query. */
export const isId = (prefix: IdPrefix, value: string): boolean =>
  value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);

/** A random secret of 32 bytes, base64url, with a readable prefix. */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;
