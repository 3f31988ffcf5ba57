import type { HeldCredential } from './grant.js';

/** An access token as verified: its claims, its refresh family and when it expires. */
export type HeldToken = Extract<HeldCredential, { kind: 'token' }>;

/** Enough for every till and app of a large deployment to call one instance within a token's lifetime. */
const MAX_TOKENS = 10_000;

/**
 * Access tokens this instance has verified, with what they hold. A till presents the same token on every
 * request for its lifetime, so after the first the HMAC, the JSON of its header and payload and the claims
 * schema are one map lookup. The whole token is the key, so only the very string that was verified matches;
 * expiry is still judged at each use, as the signature check judges it, and revocation by the caller every
 * time. Past MAX_TOKENS the oldest entry goes first. Entries are frozen: every request shares them.
 */
export class VerifiedTokens {
  private readonly byToken = new Map<string, HeldToken>();

  constructor(private readonly max = MAX_TOKENS) {}

  /** What `token` was verified to hold, if it was and is not expired at `nowSeconds`. */
  find(token: string, nowSeconds: number): HeldToken | undefined {
    const held = this.byToken.get(token);
    if (!held) return undefined;
    // As jsonwebtoken judges `exp`: a token is good strictly before its expiry second.
    if (nowSeconds < held.expiresAt / 1000) return held;
    this.byToken.delete(token);
    return undefined;
  }

  remember(token: string, held: HeldToken): HeldToken {
    if (this.byToken.size >= this.max) {
      const oldest = this.byToken.keys().next();
      if (!oldest.done) this.byToken.delete(oldest.value);
    }
    const frozen = Object.freeze({ ...held, claims: deepFreeze(held.claims) });
    this.byToken.set(token, frozen);
    return frozen;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
