import type { Clock } from '../../domain/clock.js';
import type { PixAccount } from './account.js';

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface Entry {
  token: string;
  refreshAt: number;
}

/**
 * OAuth2 access tokens per account, fetched once and renewed when 80 % of their life has passed, so
 * a call never goes out with a token about to expire; callers arriving together share one fetch.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly fetchToken: (account: PixAccount) => Promise<IssuedToken>,
    private readonly clock: Clock,
  ) {}

  async get(account: PixAccount): Promise<string> {
    const key = keyOf(account);
    const entry = this.entries.get(key);
    if (entry && entry.refreshAt > this.clock.now().getTime()) return entry.token;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const fetching = this.fetchToken(account)
      .then(({ accessToken, expiresInSeconds }) => {
        const refreshAt = this.clock.now().getTime() + expiresInSeconds * 800;
        this.entries.set(key, { token: accessToken, refreshAt });
        return accessToken;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetching);
    return fetching;
  }

  /** Forgets a token the PSP refused, so the next call fetches a fresh one. */
  invalidate(account: PixAccount): void {
    this.entries.delete(keyOf(account));
  }
}

/** Credentials changed in the panel must not reuse the old token. */
const keyOf = (a: PixAccount): string => `${a.id}:${a.config.clientId}:${a.tokenUrl}`;
