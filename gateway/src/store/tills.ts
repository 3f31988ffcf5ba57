import type { TillQrMode } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;

/** A till as it is created; the stored one (`Till`) adds what the gateway keeps of it. */
export interface TillRecord {
  id: string;
  merchantId: string;
  storeId: string;
  clientId: string;
  name: string;
  category: 'physical' | 'ecommerce';
  active: boolean;
  qrMode: TillQrMode;
}

export interface Till extends TillRecord {
  /** Bumped at each deactivation: tokens carrying an older one are refused. */
  tokenGeneration: number;
  createdAt: Date;
}

export type TillPatch = Partial<Pick<Till, 'name' | 'category' | 'active' | 'qrMode'>>;

export interface TillFilter {
  merchantId: string;
  storeId?: string | undefined;
  storeIds?: readonly string[] | undefined;
  includeInactive: boolean;
}

export const tillFromRow = (r: Record<string, unknown>): Till => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  storeId: r.store_id as string,
  clientId: r.client_id as string,
  name: r.name as string,
  category: r.category as Till['category'],
  active: r.active as boolean,
  qrMode: (r.qr_mode as Till['qrMode'] | undefined) ?? 'dynamic',
  tokenGeneration: Number(r.token_generation),
  createdAt: r.created_at as Date,
});

/** Newest first, a page at a time. */
export async function listTills(db: Db, f: TillFilter, limit: number, after?: PageCursor): Promise<Till[]> {
  const query = db('tills').where({ merchant_id: f.merchantId });
  if (f.storeId) query.andWhere('store_id', f.storeId);
  if (f.storeIds) query.whereIn('store_id', f.storeIds);
  if (!f.includeInactive) query.andWhere('active', true);
  const rows = await newestFirstPage(query, limit, after);
  return rows.map(tillFromRow);
}

export async function findTill(db: Db, id: string): Promise<Till | undefined> {
  const row = await db('tills').where({ id }).first();
  return row ? tillFromRow(row) : undefined;
}

export async function clientIdTaken(db: Db, clientId: string): Promise<boolean> {
  return (await db('tills').where({ client_id: clientId }).first('id')) !== undefined;
}

/** Applies the patch; turning an active till inactive also bumps its token generation. */
export async function updateTill(db: Db, till: Till, patch: TillPatch, now: Date): Promise<Till> {
  const deactivating = till.active && patch.active === false;
  const [row] = await db('tills')
    .where({ id: till.id })
    .update({
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.category === undefined ? {} : { category: patch.category }),
      ...(patch.active === undefined ? {} : { active: patch.active }),
      ...(patch.qrMode === undefined ? {} : { qr_mode: patch.qrMode }),
      ...(deactivating ? { token_generation: db.raw('token_generation + 1'), tokens_revoked_at: now } : {}),
    })
    .returning('*');
  return tillFromRow(row);
}

/** The board's "heard from" time; a log-in is rare next to orders, so one write per log-in is cheap. */
export async function recordTillLogin(db: Db, tillId: string, now: Date): Promise<void> {
  await db('tills').where({ id: tillId }).update({ last_login_at: now });
}
