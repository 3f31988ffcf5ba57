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
}

export async function insertAppCredential(db: Db, c: AppCredential & { createdAt: Date }): Promise<void> {
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
    ? { appName: row.app_name, merchantId: row.merchant_id, environment: row.environment, secretHash: row.secret_hash }
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

export async function revokeStoreCredentials(
  db: Db,
  storeId: string,
  environment: Environment,
  now: Date,
): Promise<void> {
  await db('store_credentials')
    .where({ store_id: storeId, environment })
    .whereNull('revoked_at')
    .update({ revoked_at: now });
}

export async function deleteAppCredential(db: Db, appName: string): Promise<void> {
  await db('app_credentials').where({ app_name: appName }).delete();
}
