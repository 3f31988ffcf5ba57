import type { Knex } from 'knex';
import { type Till, type TillRecord, tillFromRow } from './tills.js';

type Db = Knex | Knex.Transaction;

export async function insertMerchant(
  db: Db,
  m: { id: string; name: string; cnpj?: string; createdAt: Date },
): Promise<void> {
  await db('merchants').insert({ id: m.id, name: m.name, cnpj: m.cnpj ?? null, created_at: m.createdAt });
}

export async function merchantExists(db: Db, id: string): Promise<boolean> {
  return (await db('merchants').where({ id }).first('id')) !== undefined;
}

export async function insertStore(
  db: Db,
  s: {
    id: string;
    merchantId: string;
    name: string;
    cnpj?: string | null;
    address?: string | null;
    phone?: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db('stores').insert({
    id: s.id,
    merchant_id: s.merchantId,
    name: s.name,
    cnpj: s.cnpj ?? null,
    address: s.address ?? null,
    phone: s.phone ?? null,
    created_at: s.createdAt,
  });
}

export async function insertTill(db: Db, t: TillRecord & { createdAt: Date }): Promise<void> {
  await db('tills').insert({
    id: t.id,
    merchant_id: t.merchantId,
    store_id: t.storeId,
    client_id: t.clientId,
    name: t.name,
    category: t.category,
    active: t.active,
    qr_mode: t.qrMode,
    created_at: t.createdAt,
  });
}

/** The active till with this client id in an active store. */
export async function findActiveTillByClientId(db: Db, clientId: string): Promise<Till | undefined> {
  const row = await db('tills as t')
    .join('stores as s', 's.id', 't.store_id')
    .where({ 't.client_id': clientId, 't.active': true, 's.active': true })
    .first('t.*');
  return row ? tillFromRow(row) : undefined;
}

/** Which of these ids are stores of the merchant. */
export async function merchantStoreIds(db: Db, merchantId: string, ids: readonly string[]): Promise<string[]> {
  const rows = await db('stores').where({ merchant_id: merchantId }).whereIn('id', ids).select('id');
  return rows.map((r) => r.id as string);
}
