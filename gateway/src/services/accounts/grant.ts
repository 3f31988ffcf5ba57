import type { TokenClaims } from './auth.js';
import type { Principal } from './principal.js';

/**
 * What a long-lived connection was opened with, so it can be ended when that ends: an access token (its
 * claims name the credential behind it, and it expires), a panel session (ended by log-out, user removal or
 * password reset), or an order's client secret (which only reads one order and is never revoked).
 */
export type HeldCredential =
  | { kind: 'token'; claims: TokenClaims; family: string | undefined; expiresAt: number }
  | { kind: 'session'; tokenHash: string }
  | { kind: 'client-secret' };

/** An authenticated caller and the credential it holds. */
export interface Grant {
  principal: Principal;
  held: HeldCredential;
}
