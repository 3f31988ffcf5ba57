import type { IncomingHttpHeaders } from 'node:http';
import type { AuthService } from '../services/accounts/auth.js';
import { hashSecret } from '../services/accounts/auth.js';
import type { Grant } from '../services/accounts/grant.js';
import type { PanelSessions } from '../services/accounts/panel-sessions.js';
import type { Principal } from '../services/accounts/principal.js';
import { ApiError } from '../services/errors.js';
import type { ClientSecrets } from '../services/security/client-secrets.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { fromOwnOrigin } from './origin.js';
import type { Authenticator, Credentialed, QueryCredentials } from './route.js';

/**
 * The credential a request or WebSocket upgrade carries: a bearer header, or, where the caller cannot
 * send a header, the query: a browser's WebSocket (either credential) or an `<img>` of a QR (a client
 * secret). Anywhere else a credential in the URL is refused rather than ignored, so the mistake shows.
 */
export function presentedCredential(
  req: { headers: IncomingHttpHeaders; url?: string },
  fromQuery: QueryCredentials = 'token-or-client-secret',
): {
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
  if (
    (token !== undefined && fromQuery !== 'token-or-client-secret') ||
    (clientSecret !== undefined && fromQuery === 'none')
  )
    throw new ApiError('unauthenticated', 'Send credentials in the Authorization header, never in the URL');
  return { ...(token ? { token } : {}), ...(clientSecret ? { clientSecret } : {}) };
}

/** Reads that change nothing need no CSRF token; the WebSocket upgrade is a GET. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function createAuthenticator(
  auth: AuthService,
  clientSecrets: ClientSecrets,
  sessions: PanelSessions,
  publicUrl?: () => string,
): Authenticator {
  const grant = createGrantAuthenticator(auth, clientSecrets, sessions, publicUrl);
  return async (req, mode, fromQuery): Promise<Principal> => (await grant(req, mode, fromQuery)).principal;
}

/** Reads the caller and the credential it holds, for a connection that must end when that credential does. */
export type GrantAuthenticator = (
  req: Credentialed,
  mode: Parameters<Authenticator>[1],
  fromQuery?: QueryCredentials,
) => Promise<Grant>;

export function createGrantAuthenticator(
  auth: AuthService,
  clientSecrets: ClientSecrets,
  sessions: PanelSessions,
  publicUrl?: () => string,
): GrantAuthenticator {
  return async (req, mode, fromQuery): Promise<Grant> => {
    const { token, clientSecret } = presentedCredential(req, fromQuery);
    if (token) return auth.grantOf(token);
    if (clientSecret && mode === 'token-or-client-secret') {
      const orderId = clientSecrets.verify(clientSecret);
      if (!orderId) throw new ApiError('invalid_token', 'The client secret is not valid');
      return { principal: { kind: 'order', orderId }, held: { kind: 'client-secret' } };
    }
    if (clientSecret) throw new ApiError('forbidden', 'A client secret only reads its own order');
    const cookie = readCookie(req.headers, SESSION_COOKIE);
    if (cookie) return sessionGrant(sessions, req, cookie, publicUrl);
    throw new ApiError('unauthenticated', 'This endpoint needs Authorization: Bearer <access token>');
  };
}

/** A panel user from its session cookie; a change it asks for must carry the session's CSRF token. */
async function sessionGrant(
  sessions: PanelSessions,
  req: Credentialed,
  cookie: string,
  publicUrl: (() => string) | undefined,
): Promise<Grant> {
  // Refused from any other site’s page, even in a browser that ignores SameSite (WebSocket upgrades carry no CSRF token).
  if (!fromOwnOrigin(req.headers, publicUrl))
    throw new ApiError('forbidden', 'The panel session works only from the panel’s own origin');
  const session = await sessions.resolve(cookie);
  if (!session) throw new ApiError('unauthenticated', 'The panel session has ended; log in again');
  if (!SAFE_METHODS.has(req.method ?? 'GET') && req.headers['x-csrf-token'] !== session.csrfToken)
    throw new ApiError('csrf_failed', 'Send the X-CSRF-Token of GET /v1/panel/session with every change');
  return { principal: session.principal, held: { kind: 'session', tokenHash: hashSecret(cookie) } };
}
