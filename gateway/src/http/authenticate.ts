import type { IncomingHttpHeaders } from 'node:http';
import type { AuthService } from '../services/auth.js';
import type { ClientSecrets } from '../services/client-secrets.js';
import { ApiError } from '../services/errors.js';
import type { Principal } from '../services/principal.js';
import type { Authenticator } from './route.js';

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

export function createAuthenticator(auth: AuthService, clientSecrets: ClientSecrets): Authenticator {
  return (req, mode): Principal => {
    const { token, clientSecret } = presentedCredential(req);
    if (token) return auth.verifyAccessToken(token);
    if (clientSecret && mode === 'token-or-client-secret') {
      const orderId = clientSecrets.verify(clientSecret);
      if (!orderId) throw new ApiError('invalid_token', 'The client secret is not valid');
      return { kind: 'order', orderId };
    }
    if (clientSecret) throw new ApiError('forbidden', 'A client secret only reads its own order');
    throw new ApiError('unauthenticated', 'This endpoint needs Authorization: Bearer <access token>');
  };
}
