import type { IncomingHttpHeaders } from 'node:http';
import type { AuthService } from '../services/auth.js';
import { hashSecret } from '../services/auth.js';
import type { ClientSecrets } from '../services/client-secrets.js';
import { ApiError } from '../services/errors.js';
import type { Grant } from '../services/grant.js';
import type { PanelSessions } from '../services/panel-sessions.js';
import type { Principal } from '../services/principal.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import type { Authenticator, Credentialed } from './route.js';

/** The credential a request or WebSocket upgrade carries: a bearer header, or query parameters for browsers. */
export function presentedCredential(req: { headers: IncomingHttpHeaders; url?: string }): {
  token?: string;
  clientSecret?: string;
} {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !value)
      throw new ApiError('unauthenticated', 'Use Authorization: Bearer <token>');
    return value.includes('_secret_') ? { clientSecret: value } : { token: value };
  }
  const query = new URL(req.url ?? '/', 'http://gateway').searchParams;
  const token = query.get('access_token') ?? undefined;
  const clientSecret = query.get('client_secret') ?? undefined;
  return { ...(token ? { token } : {}), ...(clientSecret ? { clientSecret } : {}) };
}

/** Reads that change nothing need no CSRF token; the WebSocket upgrade is a GET. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function createAuthenticator(
  auth: AuthService,
  clientSecrets: ClientSecrets,
  sessions: PanelSessions,
): Authenticator {
  const grant = createGrantAuthenticator(auth, clientSecrets, sessions);
  return async (req, mode): Promise<Principal> => (await grant(req, mode)).principal;
}

/** Reads the caller and the credential it holds, for a connection that must end when that credential does. */
export type GrantAuthenticator = (req: Credentialed, mode: Parameters<Authenticator>[1]) => Promise<Grant>;

export function createGrantAuthenticator(
  auth: AuthService,
  clientSecrets: ClientSecrets,
  sessions: PanelSessions,
): GrantAuthenticator {
  return async (req, mode): Promise<Grant> => {
    const { token, clientSecret } = presentedCredential(req);
    if (token) return auth.grantOf(token);
    if (clientSecret && mode === 'token-or-client-secret') {
      const orderId = clientSecrets.verify(clientSecret);
      if (!orderId) throw new ApiError('invalid_token', 'The client secret is not valid');
      return { principal: { kind: 'order', orderId }, held: { kind: 'client-secret' } };
    }
    if (clientSecret) throw new ApiError('forbidden', 'A client secret only reads its own order');
    const cookie = readCookie(req.headers, SESSION_COOKIE);
    if (cookie) return sessionGrant(sessions, req, cookie);
    throw new ApiError('unauthenticated', 'This endpoint needs Authorization: Bearer <access token>');
  };
}

/** A panel user from its session cookie; a change it asks for must carry the session's CSRF token. */
async function sessionGrant(sessions: PanelSessions, req: Credentialed, cookie: string): Promise<Grant> {
  if (!fromOwnOrigin(req)) throw new ApiError('forbidden', 'The panel session works only from the panel’s own origin');
  const session = await sessions.resolve(cookie);
  if (!session) throw new ApiError('unauthenticated', 'The panel session has ended; log in again');
  if (!SAFE_METHODS.has(req.method ?? 'GET') && req.headers['x-csrf-token'] !== session.csrfToken)
    throw new ApiError('csrf_failed', 'Send the X-CSRF-Token of GET /v1/panel/session with every change');
  return { principal: session.principal, held: { kind: 'session', tokenHash: hashSecret(cookie) } };
}

/**
 * A browser names the page that opened a request or a WebSocket; the session cookie is refused from any other
 * site's page, even in a browser that does not honour SameSite (WebSocket upgrades carry no CSRF token).
 */
function fromOwnOrigin(req: Credentialed): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  return URL.canParse(origin) && new URL(origin).host === req.headers.host;
}
