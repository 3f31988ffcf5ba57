import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export type EmailTokenPurpose = 'activate' | 'reset' | 'invite' | 'unlock';

export async function insertEmailToken(
  db: Db,
  t: { hash: string; purpose: EmailTokenPurpose; userId: string; expiresAt: Date },
): Promise<void> {
  await db('email_tokens').insert({ hash: t.hash, purpose: t.purpose, user_id: t.userId, expires_at: t.expiresAt });
}

/** The user of a token of this purpose that is still unused and unexpired, without using it. */
export async function findEmailTokenUser(
  db: Db,
  hash: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const row = await db('email_tokens')
    .where({ hash, purpose })
    .whereNull('used_at')
    .andWhere('expires_at', '>', now)
    .first('user_id');
  return row?.user_id as string | undefined;
}

/** Marks the token used if it is of this purpose, unused and unexpired; answers its user, once. */
export async function useEmailToken(
  trx: Knex.Transaction,
  hash: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const [row] = await trx('email_tokens')
    .where({ hash, purpose })
    .whereNull('used_at')
    .andWhere('expires_at', '>', now)
    .update({ used_at: now })
    .returning('user_id');
  return row?.user_id as string | undefined;
}
