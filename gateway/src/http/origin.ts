import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request comes from a page of the gateway's own origin, or from no page at all (a script,
 * a till). A browser names the page that opened a request or a WebSocket in `Origin`; `null` (a
 * sandboxed frame, a file) is foreign. Own means the host the request was sent to or, behind a proxy
 * that rewrites `Host`, the host of the gateway's public URL.
 */
export function fromOwnOrigin(headers: IncomingHttpHeaders, publicUrl?: () => string): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const host = new URL(origin).host;
  if (host === headers.host) return true;
  const own = publicUrl?.();
  return own !== undefined && URL.canParse(own) && new URL(own).host === host;
}
