import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface DocumentRecord {
  id: string;
  merchantId: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

export async function insertDocument(db: Db, d: DocumentRecord & { bytes: Buffer }): Promise<void> {
  await db('merchant_documents').insert({
    id: d.id,
    merchant_id: d.merchantId,
    name: d.name,
    content_type: d.contentType,
    size: d.size,
    bytes: d.bytes,
    created_at: d.createdAt,
  });
}

export async function listDocuments(db: Db, merchantId: string): Promise<DocumentRecord[]> {
  const rows = await db('merchant_documents')
    .where({ merchant_id: merchantId })
    .orderBy('id', 'desc')
    .select('id', 'merchant_id', 'name', 'content_type', 'size', 'created_at');
  return rows.map(documentFromRow);
}

/** The document with its bytes, only within its own merchant. */
export async function findDocument(
  db: Db,
  merchantId: string,
  id: string,
): Promise<(DocumentRecord & { bytes: Buffer }) | undefined> {
  const row = await db('merchant_documents').where({ id, merchant_id: merchantId }).first();
  return row ? { ...documentFromRow(row), bytes: Buffer.from(row.bytes as Uint8Array) } : undefined;
}

const documentFromRow = (r: Record<string, unknown>): DocumentRecord => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  name: r.name as string,
  contentType: r.content_type as string,
  size: Number(r.size),
  createdAt: r.created_at as Date,
});
