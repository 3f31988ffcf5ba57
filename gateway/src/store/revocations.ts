import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface Revocations {
  /** Store credentials revoked since then, by access key. */
  credentials: Array<{ accessKey: string; revokedAt: Date }>;
  /** Tills deactivated since then, with their current token generation. */
  tills: Array<{ tillId: string; generation: number; revokedAt: Date }>;
  /** Refresh families revoked since then (their access tokens carry the family id). */
  families: Array<{ familyId: string; revokedAt: Date }>;
}

/** What was revoked after `since`; both reads use partial indexes that hold revoked rows only. */
export async function revocationsSince(db: Db, since: Date): Promise<Revocations> {
  const credentials = await db('store_credentials').where('revoked_at', '>', since).select('access_key', 'revoked_at');
  const tills = await db('tills')
    .where('tokens_revoked_at', '>', since)
    .select('id', 'token_generation', 'tokens_revoked_at');
  const families = await db('refresh_tokens')
    .where('revoked_at', '>', since)
    .groupBy('family_id')
    .select('family_id', db.raw('max(revoked_at) AS revoked_at'));
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
  };
}
