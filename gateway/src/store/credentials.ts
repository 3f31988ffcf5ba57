import type { Environment } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface StoreCredential {
  accessKey: string;
  storeId: string;
  merchantId: string;
  environment: Environment;
  secretHash: string;
}

export async function insertStoreCredential(db: Db, c: StoreCredential & { createdAt: Date }): Promise<void> {
  await db('store_credentials').insert({
    access_key: c.accessKey,
    store_id: c.storeId,
    merchant_id: c.merchantId,
    environment: c.environment,
    secret_hash: c.secretHash,
    created_at: c.createdAt,
  });
}

export async function findStoreCredential(db: Db, accessKey: string): Promise<StoreCredential | undefined> {
  const row = await db('store_credentials').where({ access_key: accessKey }).whereNull('revoked_at').first();
  return row
    ? {
        accessKey: row.access_key,
        storeId: row.store_id,
        merchantId: row.merchant_id,
        environment: row.environment,
        secretHash: row.secret_hash,
      }
    : undefined;
}

export interface AppCredential {
  appName: string;
  merchantId: string;
  environment: Environment;
  secretHash: string;
  createdAt: Date;
}

export async function insertAppCredential(db: Db, c: AppCredential): Promise<void> {
  await db('app_credentials').insert({
    app_name: c.appName,
    merchant_id: c.merchantId,
    environment: c.environment,
    secret_hash: c.secretHash,
    created_at: c.createdAt,
  });
}

export async function findAppCredential(db: Db, appName: string): Promise<AppCredential | undefined> {
  const row = await db('app_credentials').where({ app_name: appName }).first();
  return row
    ? {
        appName: row.app_name,
        merchantId: row.merchant_id,
        environment: row.environment,
        secretHash: row.secret_hash,
        createdAt: row.created_at,
      }
    : undefined;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  principal: Record<string, unknown>;
  expiresAt: Date;
}

export async function insertRefreshToken(db: Db, t: RefreshTokenRecord): Promise<void> {
  await db('refresh_tokens').insert({
    token_hash: t.tokenHash,
    family_id: t.familyId,
    principal: JSON.stringify(t.principal),
    expires_at: t.expiresAt,
  });
}

export type RefreshUse =
  | { outcome: 'used'; token: RefreshTokenRecord }
  | { outcome: 'reused'; familyId: string }
  | { outcome: 'unknown' };

/** Marks an unused, unexpired token used, atomically: of two racing uses exactly one wins. */
export async function useRefreshToken(trx: Knex.Transaction, tokenHash: string, now: Date): Promise<RefreshUse> {
  const [row] = await trx('refresh_tokens')
    .where({ token_hash: tokenHash })
    .whereNull('used_at')
    .whereNull('revoked_at')
    .andWhere('expires_at', '>', now)
    .update({ used_at: now })
    .returning('*');
  if (row) {
    return {
      outcome: 'used',
      token: {
        tokenHash: row.token_hash,
        familyId: row.family_id,
        principal: row.principal,
        expiresAt: row.expires_at,
      },
    };
  }
  const seen = await trx('refresh_tokens').where({ token_hash: tokenHash }).whereNotNull('used_at').first('family_id');
  return seen ? { outcome: 'reused', familyId: seen.family_id } : { outcome: 'unknown' };
}

export async function revokeRefreshFamily(db: Db, familyId: string, now: Date): Promise<void> {
  await db('refresh_tokens').where({ family_id: familyId }).whereNull('revoked_at').update({ revoked_at: now });
}

/** Revokes the store's current pair in this environment; answers the access keys it revoked. */
export async function revokeStoreCredentials(
  db: Db,
  storeId: string,
  environment: Environment,
  now: Date,
): Promise<string[]> {
  const rows = await db('store_credentials')
    .where({ store_id: storeId, environment })
    .whereNull('revoked_at')
    .update({ revoked_at: now })
    .returning('access_key');
  return rows.map((r: { access_key: string }) => r.access_key);
}

export async function findCurrentStoreCredential(
  db: Db,
  storeId: string,
  environment: Environment,
): Promise<{ accessKey: string; createdAt: Date } | undefined> {
  const row = await db('store_credentials').where({ store_id: storeId, environment }).whereNull('revoked_at').first();
  return row ? { accessKey: row.access_key, createdAt: row.created_at } : undefined;
}

/** The claim of a token's principal that names what issued it. */
export type IssuerClaim = 'credentialKey' | 'tillId' | 'appName';

/** Ends every refresh-token family issued under this credential, till or app. */
export async function revokeRefreshTokensOf(db: Db, claim: IssuerClaim, value: string, now: Date): Promise<void> {
  await db('refresh_tokens')
    // The claim is one of three literals, written into the SQL so the expression indexes apply.
    .whereRaw(`principal->>'${claim}' = ?`, [value])
    .whereNull('revoked_at')
    .update({ revoked_at: now });
}

export async function deleteAppCredential(db: Db, appName: string): Promise<void> {
  await db('app_credentials').where({ app_name: appName }).delete();
}

export async function listAppCredentials(
  db: Db,
  merchantId: string,
  environment: Environment,
): Promise<Array<{ appName: string; createdAt: Date }>> {
  const rows = await db('app_credentials').where({ merchant_id: merchantId, environment }).orderBy('app_name');
  return rows.map((r: Record<string, unknown>) => ({ appName: r.app_name as string, createdAt: r.created_at as Date }));
}
