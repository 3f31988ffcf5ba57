import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** A till's printed QR at one provider account, and the charge it is linked to now. */
export interface TillFixedQr {
  tillId: string;
  providerAccountId: string;
  locationRef: string;
  qrCodeText: string;
  linkedChargeRef: string | null;
  linkedOrderId: string | null;
}

const fromRow = (r: Record<string, unknown>): TillFixedQr => ({
  tillId: r.till_id as string,
  providerAccountId: r.provider_account_id as string,
  locationRef: r.location_ref as string,
  qrCodeText: r.qr_code_text as string,
  linkedChargeRef: (r.linked_charge_ref as string | null) ?? null,
  linkedOrderId: (r.linked_order_id as string | null) ?? null,
});

export async function findTillFixedQr(
  db: Db,
  tillId: string,
  providerAccountId: string,
): Promise<TillFixedQr | undefined> {
  const row = await db('till_fixed_qrs').where({ till_id: tillId, provider_account_id: providerAccountId }).first();
  return row ? fromRow(row) : undefined;
}

/** Keeps the first printed QR made for the till and account: a racing second one is dropped, the kept one answered. */
export async function keepTillFixedQr(
  db: Db,
  qr: Pick<TillFixedQr, 'tillId' | 'providerAccountId' | 'locationRef' | 'qrCodeText'>,
  now: Date,
): Promise<TillFixedQr> {
  await db('till_fixed_qrs')
    .insert({
      till_id: qr.tillId,
      provider_account_id: qr.providerAccountId,
      location_ref: qr.locationRef,
      qr_code_text: qr.qrCodeText,
      created_at: now,
    })
    .onConflict(['till_id', 'provider_account_id'])
    .ignore();
  const kept = await findTillFixedQr(db, qr.tillId, qr.providerAccountId);
  if (!kept) throw new Error(`printed QR of till ${qr.tillId} vanished`);
  return kept;
}

/** Records what the printed QR charges now; null unlinks. */
export async function setTillFixedQrLink(
  db: Db,
  key: { tillId: string; providerAccountId: string },
  link: { chargeRef: string; orderId: string } | null,
): Promise<void> {
  await db('till_fixed_qrs')
    .where({ till_id: key.tillId, provider_account_id: key.providerAccountId })
    .update({ linked_charge_ref: link?.chargeRef ?? null, linked_order_id: link?.orderId ?? null });
}

/** Every printed QR of a till that still charges an order. */
export async function linkedTillFixedQrs(db: Db, tillId: string): Promise<TillFixedQr[]> {
  const rows = await db('till_fixed_qrs').where({ till_id: tillId }).whereNotNull('linked_charge_ref');
  return rows.map(fromRow);
}
