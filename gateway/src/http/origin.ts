import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request comes from a page of the gateway's own origin, or from no page at all (a script,
 * a till). A browser names the page that opened a request or a WebSocket in `Origin`; `null` (a
 * sandboxed frame, a file) is foreign.
 */
export function fromOwnOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  return URL.canParse(origin) && new URL(origin).host === headers.host;
}
