/** Text as JSON, or `undefined` when it is not JSON at all (empty text is JSON's absence: `null`). */
export function jsonOrUndefined(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
