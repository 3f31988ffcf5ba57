import type { Environment, Role } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** A session joined with its user as the user is now, so a role change applies to the next request. */
export interface SessionRecord {
  tokenHash: string;
  userId: string;
  merchantId: string;
  environment: Environment;
  csrfToken: string;
  lastSeenAt: Date;
  role: Role;
  storeIds: string[] | null;
}

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: string; environment: Environment; csrfToken: string; now: Date },
): Promise<void> {
  await db('panel_sessions').insert({
    token_hash: s.tokenHash,
    user_id: s.userId,
    environment: s.environment,
    csrf_token: s.csrfToken,
    created_at: s.now,
    last_seen_at: s.now,
  });
}

/** One read by primary key, joined to the user by its primary key. */
export async function findSession(db: Db, tokenHash: string): Promise<SessionRecord | undefined> {
  const row = await db('panel_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', tokenHash)
    .first('s.*', 'u.merchant_id', 'u.role', 'u.store_ids');
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    merchantId: row.merchant_id,
    environment: row.environment,
    csrfToken: row.csrf_token,
    lastSeenAt: row.last_seen_at,
    role: row.role,
    storeIds: row.store_ids ?? null,
  };
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db('panel_sessions').where({ token_hash: tokenHash }).update({ last_seen_at: now });
}

export async function setSessionEnvironment(db: Db, tokenHash: string, environment: Environment): Promise<void> {
  await db('panel_sessions').where({ token_hash: tokenHash }).update({ environment });
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db('panel_sessions').where({ token_hash: tokenHash }).delete();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db('panel_sessions').where({ user_id: userId }).delete();
}
