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

type TillFixedQrKey = Pick<TillFixedQr, 'tillId' | 'providerAccountId'>;

const rowOf = (key: TillFixedQrKey) => ({ till_id: key.tillId, provider_account_id: key.providerAccountId });

/** Records what the printed QR charges now; null unlinks. */
export async function setTillFixedQrLink(
  db: Db,
  key: TillFixedQrKey,
  link: { chargeRef: string; orderId: string } | null,
): Promise<void> {
  await db('till_fixed_qrs')
    .where(rowOf(key))
    .update({ linked_charge_ref: link?.chargeRef ?? null, linked_order_id: link?.orderId ?? null });
}

/**
 * Takes the right to relink the printed QR until `until`, for `holder`, unless another holder's lease runs
 * still: one statement, so of instances asking at once exactly one gets it. False: ask again later.
 */
export async function leaseTillFixedQrLink(
  db: Db,
  key: TillFixedQrKey,
  lease: { holder: string; now: Date; until: Date },
): Promise<boolean> {
  const taken = await db('till_fixed_qrs')
    .where(rowOf(key))
    .andWhere((free) => free.whereNull('link_lease_until').orWhere('link_lease_until', '<=', lease.now))
    .update({ link_holder: lease.holder, link_lease_until: lease.until });
  return taken === 1;
}

/** Makes the holder's lease last until `until`; false when it is no longer the holder's. */
export async function renewTillFixedQrLink(
  db: Db,
  key: TillFixedQrKey,
  lease: { holder: string; until: Date },
): Promise<boolean> {
  const renewed = await db('till_fixed_qrs')
    .where({ ...rowOf(key), link_holder: lease.holder })
    .update({ link_lease_until: lease.until });
  return renewed === 1;
}

/**
 * Ends the holder's lease and, when `link` is given, records in the same statement what the printed QR
 * charges now (null: nothing). False when the lease was no longer the holder's: nothing is written then.
 */
export async function releaseTillFixedQrLink(
  db: Db,
  key: TillFixedQrKey,
  holder: string,
  link?: { chargeRef: string; orderId: string } | null,
): Promise<boolean> {
  const released = await db('till_fixed_qrs')
    .where({ ...rowOf(key), link_holder: holder })
    .update({
      link_holder: null,
      link_lease_until: null,
      ...(link === undefined
        ? {}
        : { linked_charge_ref: link?.chargeRef ?? null, linked_order_id: link?.orderId ?? null }),
    });
  return released === 1;
}

/** Every printed QR of a till that still charges an order. */
export async function linkedTillFixedQrs(db: Db, tillId: string): Promise<TillFixedQr[]> {
  const rows = await db('till_fixed_qrs').where({ till_id: tillId }).whereNotNull('linked_charge_ref');
  return rows.map(fromRow);
}

/** An order's second charge at a hybrid till (the one its printed QR pays), recorded once the order is stored. */
export async function keepPrintedQrCharge(db: Db, orderId: string, providerRef: string): Promise<void> {
  await db('printed_qr_charges')
    .insert({ order_id: orderId, provider_ref: providerRef })
    .onConflict('order_id')
    .ignore();
}

/** The second charges of these orders, by order id: only orders of hybrid tills have one. */
export async function printedQrChargesOf(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db('printed_qr_charges').whereIn('order_id', orderIds);
  return new Map(rows.map((r) => [r.order_id as string, r.provider_ref as string]));
}
