/**
 * A random key for one write, reused by each of its retries. Built from `getRandomValues` rather than
 * `randomUUID` because browsers offer the latter only on secure (https) origins.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `tg_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
