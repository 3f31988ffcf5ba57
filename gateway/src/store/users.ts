import type { Role } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export type UserStatus = 'invited' | 'active';

export interface UserRecord {
  id: string;
  merchantId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  role: Role;
  /** null: every store of the merchant. */
  storeIds: string[] | null;
  status: UserStatus;
  createdAt: Date;
}

/** Inserts the user unless its email (in any case) is taken; answers whether it was inserted. */
export async function insertUser(db: Db, u: UserRecord): Promise<boolean> {
  const result = await db.raw(
    `INSERT INTO users (id, merchant_id, email, name, password_hash, role, store_ids, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
     ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
    [
      u.id,
      u.merchantId,
      u.email,
      u.name,
      u.passwordHash,
      u.role,
      u.storeIds === null ? null : JSON.stringify(u.storeIds),
      u.status,
      u.createdAt,
    ],
  );
  return (result.rows as unknown[]).length === 1;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const row = await db('users').whereRaw('lower(email) = lower(?)', [email]).first();
  return row ? userFromRow(row) : undefined;
}

export async function findUser(db: Db, merchantId: string, id: string): Promise<UserRecord | undefined> {
  const row = await db('users').where({ id, merchant_id: merchantId }).first();
  return row ? userFromRow(row) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const row = await db('users').where({ id }).first();
  return row ? userFromRow(row) : undefined;
}

export async function listUsers(
  db: Db,
  merchantId: string,
  limit: number,
  afterId: string | undefined,
): Promise<UserRecord[]> {
  const query = db('users').where({ merchant_id: merchantId });
  if (afterId) query.andWhere('id', '>', afterId);
  return (await query.orderBy('id').limit(limit)).map(userFromRow);
}

/** Every user of the merchant, locked: role changes and removals check the remaining admins under this lock. */
export async function lockMerchantUsers(trx: Knex.Transaction, merchantId: string): Promise<UserRecord[]> {
  return (await trx('users').where({ merchant_id: merchantId }).orderBy('id').forUpdate()).map(userFromRow);
}

/**
 * An invited user's acceptance: name, password and active, only while still invited, so a second link of
 * the same invitation (one was resent on a role change) cannot set the password again.
 */
export async function activateInvitedUser(
  db: Db,
  id: string,
  change: { name: string; passwordHash: string },
): Promise<UserRecord | undefined> {
  const [updated] = await db('users')
    .where({ id, status: 'invited' })
    .update({ name: change.name, password_hash: change.passwordHash, status: 'active' })
    .returning('*');
  return updated ? userFromRow(updated) : undefined;
}

export async function updateUser(
  db: Db,
  id: string,
  change: Partial<Pick<UserRecord, 'name' | 'passwordHash' | 'role' | 'storeIds' | 'status'>>,
): Promise<UserRecord> {
  const row: Record<string, unknown> = {};
  if (change.name !== undefined) row.name = change.name;
  if (change.passwordHash !== undefined) row.password_hash = change.passwordHash;
  if (change.role !== undefined) row.role = change.role;
  if (change.storeIds !== undefined)
    row.store_ids = change.storeIds === null ? null : db.raw('?::jsonb', [JSON.stringify(change.storeIds)]);
  if (change.status !== undefined) row.status = change.status;
  const [updated] = await db('users').where({ id }).update(row).returning('*');
  return userFromRow(updated);
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db('users').where({ id }).delete();
}

export const userFromRow = (r: Record<string, unknown>): UserRecord => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  email: r.email as string,
  name: r.name as string,
  passwordHash: (r.password_hash as string | null) ?? null,
  role: r.role as Role,
  storeIds: (r.store_ids as string[] | null) ?? null,
  status: r.status as UserStatus,
  createdAt: r.created_at as Date,
});
