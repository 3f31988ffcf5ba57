import { timingSafeEqual } from 'node:crypto';

/** The id and secret of an HTTP Basic `Authorization` header. */
export function basicCredentials(header: string | undefined): [string, string] | undefined {
  const encoded = /^Basic (.+)$/.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
}

/** The token of a `Bearer` `Authorization` header. */
export const bearerToken = (header: string | undefined): string | undefined => /^Bearer (.+)$/.exec(header ?? '')?.[1];

/** Constant-time equality of a presented credential and the expected one. */
export function same(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const [x, y] = [Buffer.from(presented), Buffer.from(expected)];
  return x.length === y.length && timingSafeEqual(x, y);
}
