import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface Revocations {
  /** Store credentials revoked since then, by access key. */
  credentials: Array<{ accessKey: string; revokedAt: Date }>;
  /** Tills deactivated since then, with their current token generation. */
  tills: Array<{ tillId: string; generation: number; revokedAt: Date }>;
  /** Refresh families revoked since then (their access tokens carry the family id). */
  families: Array<{ familyId: string; revokedAt: Date }>;
  /** App credentials issued since then (a new secret ends the old one), with the hash of their secret. */
  apps: Array<{ appName: string; secretHash: string; createdAt: Date }>;
}

/** What was revoked after `since`; the first three reads use partial indexes that hold revoked rows only. */
export async function revocationsSince(db: Db, since: Date): Promise<Revocations> {
  const credentials = await db('store_credentials').where('revoked_at', '>', since).select('access_key', 'revoked_at');
  const tills = await db('tills')
    .where('tokens_revoked_at', '>', since)
    .select('id', 'token_generation', 'tokens_revoked_at');
  const families = await db('refresh_tokens')
    .where('revoked_at', '>', since)
    .groupBy('family_id')
    .select('family_id', db.raw('max(revoked_at) AS revoked_at'));
  // A handful of rows per merchant: no index needed.
  const apps = await db('app_credentials')
    .where('created_at', '>', since)
    .select('app_name', 'secret_hash', 'created_at');
  return {
    families: families.map((r: Record<string, unknown>) => ({
      familyId: r.family_id as string,
      revokedAt: new Date(r.revoked_at as Date),
    })),
    credentials: credentials.map((r: Record<string, unknown>) => ({
      accessKey: r.access_key as string,
      revokedAt: r.revoked_at as Date,
    })),
    tills: tills.map((r: Record<string, unknown>) => ({
      tillId: r.id as string,
      generation: Number(r.token_generation),
      revokedAt: r.tokens_revoked_at as Date,
    })),
    apps: apps.map((r: Record<string, unknown>) => ({
      appName: r.app_name as string,
      secretHash: r.secret_hash as string,
      createdAt: r.created_at as Date,
    })),
  };
}

/** Which of these panel sessions still live (seen since `idleSince`); one read by primary key. */
export async function liveSessions(db: Db, tokenHashes: string[], idleSince: Date): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db('panel_sessions')
    .whereIn('token_hash', tokenHashes)
    .andWhere('last_seen_at', '>', idleSince)
    .select('token_hash');
  return new Set(rows.map((r: { token_hash: string }) => r.token_hash));
}
