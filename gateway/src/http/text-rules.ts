import type { FieldError } from '@tillgate/sdk/protocol';

/**
 * One rule for every string a request carries, keys included, whatever the route: no NUL (PostgreSQL
 * text and jsonb cannot hold it) and no lone surrogate (it is not Unicode, so it cannot be stored or
 * signed as UTF-8). Checked once on the parsed body and query, before any schema or provider sees them.
 */
export function textProblem(value: unknown, at: string): FieldError | undefined {
  if (typeof value === 'string') return stringProblem(value, at);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = textProblem(item, join(at, String(i)));
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = stringProblem(key, join(at, key)) ?? textProblem(item, join(at, key));
      if (found) return found;
    }
  }
  return undefined;
}

/** With the `u` flag a paired surrogate is one code point outside this range: only a lone one matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function stringProblem(s: string, field: string): FieldError | undefined {
  if (s.includes('\u0000')) return { field: field || '(body)', message: 'must not contain NUL (\\u0000)' };
  if (LONE_SURROGATE.test(s)) return { field: field || '(body)', message: 'must be valid Unicode (no lone surrogate)' };
  return undefined;
}

/** A key that is itself malformed is named safely: its bad characters escaped. */
const join = (at: string, key: string) => {
  const safe = !LONE_SURROGATE.test(key) && !key.includes('\u0000') ? key : JSON.stringify(key).slice(1, -1);
  return at ? `${at}.${safe}` : safe;
};
