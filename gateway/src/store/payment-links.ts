import type { Environment, PaymentLinkStatus, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { newestFirstPage, type PageCursor } from './page-cursor.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

export type MailStatus = 'queued' | 'sent' | 'failed';

/** A payment link as the gateway keeps it; amounts in centavos, times as Dates. */
export interface PaymentLinkRecord {
  id: string;
  merchantId: string;
  environment: Environment;
  storeId: string;
  orderRef: string;
  email: string;
  buyerRef: string | null;
  amount: number;
  message: string | null;
  /** The email body as the creator edited it, with its placeholders; null: the default. */
  template: string | null;
  bcc: string[];
  wallets: Wallet[] | null;
  status: PaymentLinkStatus;
  mailStatus: MailStatus;
  mailAttempts: number;
  tokenHash: string;
  createdBy: string;
  orderId: string | null;
  createdAt: Date;
  expiresAt: Date;
  openedAt: Date | null;
  paidAt: Date | null;
}

/** The statuses in which a link still takes a payment. */
export const OPEN_STATUSES: readonly PaymentLinkStatus[] = ['sent', 'opened'];

const linkFromRow = (r: Row): PaymentLinkRecord => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  storeId: r.store_id as string,
  orderRef: r.order_ref as string,
  email: r.email as string,
  buyerRef: (r.buyer_ref as string | null) ?? null,
  amount: Number(r.amount),
  message: (r.message as string | null) ?? null,
  template: (r.template as string | null) ?? null,
  bcc: (r.bcc as string[] | null) ?? [],
  wallets: (r.wallets as Wallet[] | null) ?? null,
  status: r.status as PaymentLinkStatus,
  mailStatus: r.mail_status as MailStatus,
  mailAttempts: Number(r.mail_attempts),
  tokenHash: r.token_hash as string,
  createdBy: r.created_by as string,
  orderId: (r.order_id as string | null) ?? null,
  createdAt: r.created_at as Date,
  expiresAt: r.expires_at as Date,
  openedAt: (r.opened_at as Date | null) ?? null,
  paidAt: (r.paid_at as Date | null) ?? null,
});

/** Every link of one request in one statement (the caller's transaction): all of them or none. */
export async function insertLinks(trx: Knex.Transaction, links: readonly PaymentLinkRecord[]): Promise<void> {
  const rows = links.map((l) => ({
    id: l.id,
    merchant_id: l.merchantId,
    environment: l.environment,
    store_id: l.storeId,
    order_ref: l.orderRef,
    email: l.email,
    buyer_ref: l.buyerRef,
    amount: l.amount,
    message: l.message,
    template: l.template,
    bcc: l.bcc,
    wallets: l.wallets,
    status: l.status,
    mail_status: l.mailStatus,
    token_hash: l.tokenHash,
    created_by: l.createdBy,
    created_at: l.createdAt,
    expires_at: l.expiresAt,
  }));
  // A statement carries at most 65,535 bindings; 19 columns fit 3,000 rows comfortably below that.
  for (let i = 0; i < rows.length; i += 2000) await trx('payment_links').insert(rows.slice(i, i + 2000));
}

export async function findLink(db: Db, id: string): Promise<PaymentLinkRecord | undefined> {
  const row = await db('payment_links').where({ id }).first();
  return row ? linkFromRow(row) : undefined;
}

export async function findLinkByTokenHash(db: Db, tokenHash: string): Promise<PaymentLinkRecord | undefined> {
  const row = await db('payment_links').where({ token_hash: tokenHash }).first();
  return row ? linkFromRow(row) : undefined;
}

/** Reads the link and holds its row lock until the transaction ends. */
export async function lockLink(trx: Knex.Transaction, id: string): Promise<PaymentLinkRecord | undefined> {
  const row = await trx('payment_links').where({ id }).forUpdate().first();
  return row ? linkFromRow(row) : undefined;
}

/** The open link paying through this order, locked; none for an order of a till. */
export async function lockLinkOfOrder(trx: Knex.Transaction, orderId: string): Promise<PaymentLinkRecord | undefined> {
  const row = await trx('payment_links').where({ order_id: orderId }).forUpdate().first();
  return row ? linkFromRow(row) : undefined;
}

export type LinkPatch = Partial<
  Pick<PaymentLinkRecord, 'status' | 'mailStatus' | 'orderId' | 'openedAt' | 'paidAt'> & { mailError: string | null }
>;

const COLUMN: Record<keyof LinkPatch, string> = {
  status: 'status',
  mailStatus: 'mail_status',
  orderId: 'order_id',
  openedAt: 'opened_at',
  paidAt: 'paid_at',
  mailError: 'mail_error',
};

const columnsOf = (patch: LinkPatch): Row =>
  Object.fromEntries(Object.entries(patch).map(([k, v]) => [COLUMN[k as keyof LinkPatch], v]));

export async function updateLink(trx: Knex.Transaction, id: string, patch: LinkPatch): Promise<PaymentLinkRecord> {
  const [row] = await trx('payment_links').where({ id }).update(columnsOf(patch)).returning('*');
  if (!row) throw new Error(`payment link ${id} vanished inside its transaction`);
  return linkFromRow(row);
}

/** Puts the link's email back in the queue (a resend); a link whose email failed is `sent` again. */
export async function requeueMail(trx: Knex.Transaction, id: string): Promise<PaymentLinkRecord> {
  const [row] = await trx('payment_links')
    .where({ id })
    .update({
      mail_status: 'queued',
      mail_lease_until: null,
      mail_attempts: 0,
      mail_error: null,
      status: trx.raw(`CASE WHEN status = 'failed' THEN 'sent' ELSE status END`),
    })
    .returning('*');
  if (!row) throw new Error(`payment link ${id} vanished inside its transaction`);
  return linkFromRow(row);
}

/**
 * Claims up to `limit` queued emails whose lease is free (new, or of an instance that died mid-send),
 * skipping rows another instance holds, and leases them to `leaseUntil`: each email is sent by one instance.
 */
export async function claimQueuedMail(
  db: Knex,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<PaymentLinkRecord[]> {
  return db.transaction(async (trx) => {
    const rows = await trx('payment_links')
      .whereIn(
        'id',
        trx('payment_links')
          .select('id')
          .where('mail_status', 'queued')
          .andWhere((q) => q.whereNull('mail_lease_until').orWhere('mail_lease_until', '<=', now))
          .orderBy('created_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .update({ mail_lease_until: leaseUntil, mail_attempts: trx.raw('mail_attempts + 1') })
      .returning('*');
    return (rows as Row[]).map(linkFromRow);
  });
}

/**
 * Records how a claimed email went, if the claim still holds (a resend in between starts a new one).
 * A refused email fails the link too, unless it was paid or closed meanwhile.
 */
export async function settleMail(
  db: Db,
  claimed: PaymentLinkRecord,
  outcome: { mailStatus: MailStatus; error?: string },
): Promise<boolean> {
  const failed = outcome.mailStatus === 'failed';
  const n = await db('payment_links')
    .where({ id: claimed.id, mail_status: 'queued', mail_attempts: claimed.mailAttempts })
    .update({
      mail_status: outcome.mailStatus,
      mail_lease_until: null,
      mail_error: outcome.error ?? null,
      ...(failed ? { status: db.raw(`CASE WHEN status = 'sent' THEN 'failed' ELSE status END`) } : {}),
    });
  return n > 0;
}

export interface LinkFilter {
  merchantId: string;
  environment: Environment;
  storeIds?: readonly string[] | undefined;
  storeId?: string | undefined;
  status?: PaymentLinkStatus | undefined;
  /** A prefix of the reference: `Recouvrement` finds `Recouvrement-001…`. */
  orderRef?: string | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
}

export async function listLinks(
  db: Db,
  f: LinkFilter,
  limit: number,
  after?: PageCursor,
): Promise<PaymentLinkRecord[]> {
  const query = db('payment_links').where({ merchant_id: f.merchantId, environment: f.environment });
  if (f.storeIds) query.whereIn('store_id', f.storeIds);
  if (f.storeId) query.andWhere('store_id', f.storeId);
  if (f.status) query.andWhere('status', f.status);
  if (f.orderRef) query.andWhere('order_ref', 'like', `${f.orderRef}%`);
  if (f.createdFrom) query.andWhere('created_at', '>=', f.createdFrom);
  if (f.createdTo) query.andWhere('created_at', '<', f.createdTo);
  return (await newestFirstPage(query, limit, after)).map(linkFromRow);
}

/** Open links past their deadline, oldest deadline first. */
export async function dueLinkIds(db: Db, now: Date, limit: number): Promise<string[]> {
  return db('payment_links')
    .whereIn('status', OPEN_STATUSES)
    .andWhere('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .pluck('id');
}

const linkTillClientId = (storeId: string) => `payment-links-${storeId}`;

/** The store's virtual e-commerce till for links, made with its first link; one per store, however many race. */
export async function ensureLinkTill(
  db: Db,
  store: { id: string; merchantId: string },
  till: { id: string; name: string; now: Date },
): Promise<void> {
  const clientId = linkTillClientId(store.id);
  await db('tills')
    .insert({
      id: till.id,
      merchant_id: store.merchantId,
      store_id: store.id,
      client_id: clientId,
      name: till.name,
      category: 'ecommerce',
      active: true,
      created_at: till.now,
    })
    .onConflict('client_id')
    .ignore();
}

export async function findLinkTill(db: Db, storeId: string): Promise<string | undefined> {
  const row = await db('tills')
    .where({ client_id: linkTillClientId(storeId) })
    .first('id');
  return row?.id as string | undefined;
}

/** A store's link settings. */
export async function storeLinkSettings(
  db: Db,
  storeId: string,
): Promise<{ managerEmail: string | null; orderRefRequired: boolean } | undefined> {
  const row = await db('stores').where({ id: storeId }).first('manager_email', 'order_ref_required');
  return row
    ? { managerEmail: (row.manager_email as string | null) ?? null, orderRefRequired: Boolean(row.order_ref_required) }
    : undefined;
}
