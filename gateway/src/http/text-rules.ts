import type { FieldErrorDraft } from '@tillgate/sdk/protocol';

/**
 * One rule for every string a request carries, keys included, whatever the route: no NUL (PostgreSQL
 * text and jsonb cannot hold it) and no lone surrogate (it is not Unicode, so it cannot be stored or
 * signed as UTF-8). Checked once on the parsed body and query, before any schema or provider sees them.
 * Iterative, with a stack of its own: 64 KiB of `[[[[…` nests deeper than the call stack goes.
 */
export function textProblem(value: unknown, at: string): FieldErrorDraft | undefined {
  const pending: Array<[unknown, string]> = [[value, at]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      const found = stringProblem(item, path);
      if (found) return found;
    } else if (item !== null && typeof item === 'object') {
      // Reversed onto the stack, so the first offending field in reading order is the one named.
      const entries = Array.isArray(item) ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as readonly [string, unknown];
        const keyProblem = Array.isArray(item) ? undefined : stringProblem(key, join(path, key));
        if (keyProblem) return keyProblem;
        pending.push([child, join(path, key)]);
      }
    }
  }
  return undefined;
}

/** With the `u` flag a paired surrogate is one code point outside this range: only a lone one matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function stringProblem(s: string, field: string): FieldErrorDraft | undefined {
  if (s.includes('\u0000')) return { field: field || '(body)', message: 'must not contain NUL (\\u0000)' };
  if (LONE_SURROGATE.test(s)) return { field: field || '(body)', message: 'must be valid Unicode (no lone surrogate)' };
  return undefined;
}

/** A key that is itself malformed is named safely: its bad characters escaped. */
const join = (at: string, key: string) => {
  const safe = !LONE_SURROGATE.test(key) && !key.includes('\u0000') ? key : JSON.stringify(key).slice(1, -1);
  return at ? `${at}.${safe}` : safe;
};
