import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/**
 * Counts one failed log-in of `email`, restarting the count when the last failure is older than
 * `staleBefore`; answers the count and whether the address is locked, in one statement.
 */
export async function countLoginFailure(
  db: Db,
  email: string,
  now: Date,
  staleBefore: Date,
): Promise<{ failures: number; locked: boolean }> {
  const { rows } = await db.raw(
    `INSERT INTO login_lockouts (email, failures, last_failure_at) VALUES (?, 1, ?)
     ON CONFLICT (email) DO UPDATE SET
       failures = CASE WHEN login_lockouts.last_failure_at < ? AND login_lockouts.locked_at IS NULL
                       THEN 1 ELSE login_lockouts.failures + 1 END,
       last_failure_at = EXCLUDED.last_failure_at
     RETURNING failures, locked_at`,
    [email, now, staleBefore],
  );
  const row = rows[0] as { failures: number; locked_at: Date | null };
  return { failures: row.failures, locked: row.locked_at !== null };
}

/** Locks the address; true for the one caller that locked it, so its email is sent once. */
export async function lockLogin(db: Db, email: string, now: Date): Promise<boolean> {
  const updated = await db('login_lockouts').where({ email }).whereNull('locked_at').update({ locked_at: now });
  return updated === 1;
}

export async function isLoginLocked(db: Db, email: string): Promise<boolean> {
  const row = await db('login_lockouts').where({ email }).whereNotNull('locked_at').first('email');
  return row !== undefined;
}

/** Forgets the address's failures and any lock (a successful log-in, an opened unlock link). */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db('login_lockouts').where({ email }).delete();
}
