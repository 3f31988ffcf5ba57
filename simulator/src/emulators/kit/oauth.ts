import { randomBytes } from 'node:crypto';
import { basicCredentials, bearerToken, same } from './credentials.js';
import type { Call } from './http.js';

/** A token request's outcome, for the emulator to answer in its provider's words. */
export type TokenGrant =
  | { granted: { access_token: string; expires_in: number } }
  | { refused: 400; error: 'unsupported_grant_type' }
  | { refused: 401; error: 'invalid_client' };

/**
 * An OAuth2 client-credentials token endpoint and the Bearer check of every API call after it: the
 * client by HTTP Basic (or, as some servers allow, `client_id`/`client_secret` in the form), tokens
 * living `ttlSeconds`.
 */
/** How an emulator is told its one client; the defaults are what the demo and tests use. */
export interface ClientOptions {
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
}

export class ClientCredentials {
  /** Access tokens issued so far. */
  issued = 0;
  private readonly tokens = new Map<string, number>();

  constructor(private readonly client: { id: string; secret: string; ttlSeconds: number }) {}

  static of(options: ClientOptions): ClientCredentials {
    return new ClientCredentials({
      id: options.clientId ?? 'emulator-client',
      secret: options.clientSecret ?? 'emulator-secret',
      ttlSeconds: options.tokenTtlSeconds ?? 3600,
    });
  }

  grant(call: Call): TokenGrant {
    const form = (call.body ?? {}) as Record<string, string | undefined>;
    const [id, secret] = basicCredentials(call.headers.authorization) ?? [form.client_id, form.client_secret];
    if ((form.grant_type ?? call.query.get('grant_type')) !== 'client_credentials')
      return { refused: 400, error: 'unsupported_grant_type' };
    if (!same(id, this.client.id) || !same(secret, this.client.secret))
      return { refused: 401, error: 'invalid_client' };
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, Date.now() + this.client.ttlSeconds * 1000);
    this.issued++;
    return { granted: { access_token: token, expires_in: this.client.ttlSeconds } };
  }

  /** Whether the call carries a Bearer token issued here and not yet expired. */
  admits(call: Call): boolean {
    const token = bearerToken(call.headers.authorization);
    const expiresAt = token ? this.tokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > Date.now();
  }
}
