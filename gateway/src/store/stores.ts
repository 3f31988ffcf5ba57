import type { Knex } from 'knex';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;

export interface StoreRecord {
  id: string;
  merchantId: string;
  name: string;
  cnpj: string | null;
  address: string | null;
  phone: string | null;
  active: boolean;
  managerEmail: string | null;
  orderRefRequired: boolean;
  createdAt: Date;
}

export type StorePatch = Partial<
  Pick<StoreRecord, 'name' | 'cnpj' | 'address' | 'phone' | 'active' | 'managerEmail' | 'orderRefRequired'>
>;

export interface StoreFilter {
  merchantId: string;
  /** The stores a scoped panel user may see; absent: every store. */
  storeIds?: readonly string[] | undefined;
  includeInactive: boolean;
}

const storeFromRow = (r: Record<string, unknown>): StoreRecord => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  name: r.name as string,
  cnpj: (r.cnpj as string | null) ?? null,
  address: (r.address as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  active: r.active as boolean,
  managerEmail: (r.manager_email as string | null) ?? null,
  orderRefRequired: Boolean(r.order_ref_required),
  createdAt: r.created_at as Date,
});

/** Newest first, a page at a time. */
export async function listStores(db: Db, f: StoreFilter, limit: number, after?: PageCursor): Promise<StoreRecord[]> {
  const query = db('stores').where({ merchant_id: f.merchantId });
  if (f.storeIds) query.whereIn('id', f.storeIds);
  if (!f.includeInactive) query.andWhere('active', true);
  const rows = await newestFirstPage(query, limit, after);
  return rows.map(storeFromRow);
}

export async function findStore(db: Db, id: string): Promise<StoreRecord | undefined> {
  const row = await db('stores').where({ id }).first();
  return row ? storeFromRow(row) : undefined;
}

export async function updateStore(db: Db, id: string, patch: StorePatch): Promise<StoreRecord> {
  const { managerEmail, orderRefRequired, ...plain } = patch;
  const [row] = await db('stores')
    .where({ id })
    .update({
      ...plain,
      ...(managerEmail === undefined ? {} : { manager_email: managerEmail }),
      ...(orderRefRequired === undefined ? {} : { order_ref_required: orderRefRequired }),
    })
    .returning('*');
  return storeFromRow(row);
}
