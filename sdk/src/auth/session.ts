import { TillgateAuthenticationError } from '../errors.js';
import type { TokenPair } from '../protocol/index.js';
import type { Authenticator, Transport } from '../transport/transport.js';
import type { AppCredentials, CredentialSource, TillCredentials } from './credentials.js';

/** Renew this long before the access token expires, or at half its life when that is shorter. */
const RENEW_MARGIN_MS = 60_000;

interface Tokens {
  access: string;
  renewAt: number;
  refresh: string;
  refreshExpiresAt: number;
}

/**
 * Signs in with till or app credentials and keeps a valid access token: it refreshes it before it
 * expires, and signs in again when the refresh token is refused. Concurrent callers share one sign-in
 * or refresh, because a refresh token works once and a second use revokes its whole family.
 */
export class Session implements Authenticator {
  readonly kind = 'access_token';
  readonly credentialsMayChange: boolean;
  private tokens: Tokens | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly credentials: TillCredentials | AppCredentials | CredentialSource,
    private readonly transport: Transport,
    private readonly now: () => number = Date.now,
  ) {
    this.credentialsMayChange = typeof credentials === 'function';
  }

  bearer(): Promise<string> {
    const tokens = this.tokens;
    if (tokens && this.now() < tokens.renewAt) return Promise.resolve(tokens.access);
    this.pending ??= this.obtain().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  renew(): boolean {
    if (this.tokens) this.tokens.renewAt = 0;
    return true;
  }

  renewsInMs(): number | undefined {
    return this.tokens ? Math.max(0, this.tokens.renewAt - this.now()) : undefined;
  }

  private async obtain(): Promise<string> {
    const startedAt = this.now();
    const pair = (await this.refresh(startedAt)) ?? (await this.signIn());
    const lifeMs = pair.expires_in * 1000;
    this.tokens = {
      access: pair.access_token,
      renewAt: startedAt + lifeMs - Math.min(RENEW_MARGIN_MS, lifeMs / 2),
      refresh: pair.refresh_token,
      refreshExpiresAt: startedAt + pair.refresh_expires_in * 1000,
    };
    return pair.access_token;
  }

  /** A new pair from the refresh token, or undefined when there is none or the gateway refused it. */
  private async refresh(now: number): Promise<TokenPair | undefined> {
    const tokens = this.tokens;
    if (!tokens || now >= tokens.refreshExpiresAt) return undefined;
    try {
      return await this.transport.request<TokenPair>({
        method: 'POST',
        path: '/v1/auth/refresh',
        bearer: tokens.refresh,
        repeatable: false,
      });
    } catch (err) {
      if (err instanceof TillgateAuthenticationError) return undefined;
      throw err;
    }
  }

  private async signIn(): Promise<TokenPair> {
    const c = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
    const [path, body] =
      'appName' in c
        ? ['/v1/auth/app', { app_name: c.appName, app_secret: c.appSecret }]
        : ['/v1/auth/till', { access_key: c.accessKey, secret_key: c.secretKey, client_id: c.clientId }];
    return this.transport.request<TokenPair>({ method: 'POST', path, body, repeatable: true });
  }
}

/** An order's client secret, sent as it is; there is nothing to renew. */
export class ClientSecret implements Authenticator {
  readonly kind = 'client_secret';
  constructor(readonly secret: string) {}

  bearer(): Promise<string> {
    return Promise.resolve(this.secret);
  }

  renew(): boolean {
    return false;
  }
}
