import { createHash, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { TokenPair } from '@tillgate/sdk/protocol';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { newSecret } from '../../ids.js';
import {
  findAppCredential,
  findStoreCredential,
  insertRefreshToken,
  revokeRefreshFamily,
  useRefreshToken,
} from '../../store/credentials.js';
import { findActiveTillByClientId } from '../../store/merchants.js';
import { findTill, recordTillLogin } from '../../store/tills.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import { secretTag } from '../security/secret-tag.js';
import type { Grant } from './grant.js';
import type { Principal } from './principal.js';
import type { TokenRevocations } from './token-revocations.js';
import { type HeldToken, VerifiedTokens } from './verified-tokens.js';

/** Credentials' secrets are random and long, so a SHA-256 is the right hash; passwords use scrypt. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

const claimsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('till'),
    merchantId: z.string(),
    environment: z.enum(['test', 'live']),
    tillId: z.string(),
    storeId: z.string(),
    /** The store credential the till signed in with, and the till's token generation then. */
    credentialKey: z.string(),
    generation: z.int().min(0),
  }),
  z.object({
    kind: z.literal('app'),
    merchantId: z.string(),
    environment: z.enum(['test', 'live']),
    appName: z.string(),
    /** The app secret it signed in with: when it was issued and its tag (absent in tokens from before this claim). */
    issuedUnder: z.object({ at: z.number(), tag: z.string() }).optional(),
  }),
]);
type TokenPrincipal = z.infer<typeof claimsSchema>;
/** What an access token says of its holder and the credential behind it. */
export type TokenClaims = TokenPrincipal;

export interface AuthOptions {
  jwtKey: KeyObject;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

const invalidCredentials = () => new ApiError('invalid_credentials', 'These credentials are not valid');

/** Issues and checks tokens: short-lived JWT access tokens and rotating, single-use refresh tokens. */
export class AuthService {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: AuthOptions,
    private readonly revocations: TokenRevocations,
  ) {}

  async tillLogin(input: { access_key: string; secret_key: string; client_id: string }): Promise<TokenPair> {
    const [credential, till] = await Promise.all([
      findStoreCredential(this.deps.knex, input.access_key),
      findActiveTillByClientId(this.deps.knex, input.client_id),
    ]);
    if (
      !credential ||
      !till ||
      !secretMatches(input.secret_key, credential.secretHash) ||
      till.storeId !== credential.storeId
    ) {
      throw invalidCredentials();
    }
    const tokens = await this.issue({
      kind: 'till',
      merchantId: till.merchantId,
      environment: credential.environment,
      tillId: till.id,
      storeId: till.storeId,
      credentialKey: credential.accessKey,
      generation: till.tokenGeneration,
    });
    await recordTillLogin(this.deps.knex, till.id, this.deps.clock.now());
    return tokens;
  }

  async appLogin(input: { app_name: string; app_secret: string }): Promise<TokenPair> {
    const credential = await findAppCredential(this.deps.knex, input.app_name);
    if (!credential) throw invalidCredentials();
    const app = {
      kind: 'app' as const,
      merchantId: credential.merchantId,
      environment: credential.environment,
      appName: credential.appName,
      issuedUnder: { at: credential.createdAt.getTime(), tag: secretTag(credential.secretHash) },
    };
    // An app signs in once per token lifetime, so its sign-ins are audited; a till's (every till, every
    // 15 minutes) are not: its last log-in is on the till.
    const attempt = {
      merchantId: app.merchantId,
      environment: app.environment,
      target: { type: 'app', id: app.appName },
    };
    if (!secretMatches(input.app_secret, credential.secretHash)) {
      await recordAudit(this.deps, this.deps.knex, { ...attempt, actor: 'anonymous', action: 'app.login_failed' });
      throw invalidCredentials();
    }
    const tokens = await this.issue(app);
    await recordAudit(this.deps, this.deps.knex, { ...attempt, actor: app, action: 'app.token_issued' });
    return tokens;
  }

  /** Trades a refresh token for a new pair; presenting a used one revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.deps.clock.now();
    const use = await this.deps.knex.transaction((trx) => useRefreshToken(trx, hashSecret(refreshToken), now));
    if (use.outcome === 'reused') {
      await revokeRefreshFamily(this.deps.knex, use.familyId, now);
      this.revocations.noteFamily(use.familyId, now);
      throw new ApiError('refresh_token_reused', 'This refresh token was already used; sign in again');
    }
    if (use.outcome === 'unknown') throw new ApiError('invalid_token', 'The refresh token is not valid or has expired');
    // Tokens issued before tills carried their credential cannot be revoked by rotation: sign in again.
    const claims = claimsSchema.safeParse(use.token.principal);
    if (!claims.success || !(await this.stillIssuable(claims.data)))
      throw new ApiError('invalid_token', 'Sign in again');
    const tokens = await this.issue(claims.data, use.token.familyId);
    if (claims.data.kind === 'till') await recordTillLogin(this.deps.knex, claims.data.tillId, now);
    return tokens;
  }

  verifyAccessToken(token: string): Principal {
    return this.grantOf(token).principal;
  }

  /** The caller of a valid, unrevoked access token, and what a WebSocket opened with it must watch. */
  grantOf(token: string): Grant {
    const nowSeconds = Math.floor(this.deps.clock.now().getTime() / 1000);
    const held = this.verified.find(token, nowSeconds) ?? this.verify(token, nowSeconds);
    if (held && !this.revocations.ends(held)) return { principal: held.claims, held };
    throw new ApiError('invalid_token', 'The access token is not valid or has expired');
  }

  /** Checks the token's signature, expiry and claims, and remembers what it holds; undefined if it is not good. */
  private verify(token: string, nowSeconds: number): HeldToken | undefined {
    try {
      const payload = jwt.verify(token, this.options.jwtKey, {
        algorithms: ['HS256'],
        clockTimestamp: nowSeconds,
      }) as { tg: unknown; fam?: unknown; exp: number };
      const claims = claimsSchema.parse(payload.tg);
      // A token without a family (issued before tokens carried one) is judged by its claims alone.
      const family = typeof payload.fam === 'string' ? payload.fam : undefined;
      return this.verified.remember(token, { kind: 'token', claims, family, expiresAt: payload.exp * 1000 });
    } catch {
      return undefined;
    }
  }

  /**
   * A refresh reads the database, not the revocation memory: a refresh that raced a rotation may hold
   * a token the revocation did not reach, and the memory forgets revocations older than an access token.
   */
  private async stillIssuable(claims: TokenPrincipal): Promise<boolean> {
    if (claims.kind !== 'till') return true;
    const [credential, till] = await Promise.all([
      findStoreCredential(this.deps.knex, claims.credentialKey),
      findTill(this.deps.knex, claims.tillId),
    ]);
    return credential !== undefined && till?.active === true && till.tokenGeneration === claims.generation;
  }

  private async issue(principal: TokenPrincipal, familyId = newSecret('fam')): Promise<TokenPair> {
    const nowSeconds = Math.floor(this.deps.clock.now().getTime() / 1000);
    const access = jwt.sign(
      // `fam` names the refresh family, so revoking the family (a reused refresh token) revokes this token too.
      { tg: principal, fam: familyId, iat: nowSeconds, exp: nowSeconds + this.options.accessTtlSeconds },
      this.options.jwtKey,
      {
        algorithm: 'HS256',
      },
    );
    const refreshToken = newSecret('rt');
    await insertRefreshToken(this.deps.knex, {
      tokenHash: hashSecret(refreshToken),
      familyId,
      principal,
      expiresAt: new Date((nowSeconds + this.options.refreshTtlSeconds) * 1000),
    });
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: this.options.accessTtlSeconds,
      refresh_token: refreshToken,
      refresh_expires_in: this.options.refreshTtlSeconds,
    };
  }
}
