import {
  type CancelReason,
  type Environment,
  type LatePayment,
  ORDER_STATUSES,
  type Order,
  type OrderItem,
  type OrderStatus,
  type Payment,
  type Wallet,
} from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { centavosFrom } from '../domain/money.js';
import { type BulkTransition, EXPIRY, type OrderState, REPLACEMENT } from '../domain/order-state.js';
import { appendEventsCtes, eventFromRow, type StoredEvent } from './events.js';
import { newestFirstPage, type PageCursor } from './page-cursor.js';
import { Statement } from './prepared.js';

/** An order as the gateway keeps it; amounts in centavos, times as Dates. */
export interface OrderRecord {
  id: string;
  merchantId: string;
  environment: Environment;
  storeId: string;
  tillId: string;
  orderRef: string;
  wallet: Wallet;
  provider: string;
  providerAccountId: string;
  providerRef: string;
  status: OrderStatus;
  amount: number;
  paidAmount: number;
  refundedAmount: number;
  reservedAmount: number;
  qrCodeText: string;
  deepLink: string | null;
  items: OrderItem[];
  buyer: { name?: string; cpf_cnpj?: string; email?: string } | null;
  metadata: Record<string, string>;
  callbackUrl: string | null;
  payment: Payment | null;
  latePayment: LatePayment | null;
  cancelReason: CancelReason | null;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
}

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

const COLUMNS: ReadonlyArray<readonly [keyof OrderRecord, string]> = [
  ['id', 'id'],
  ['merchantId', 'merchant_id'],
  ['environment', 'environment'],
  ['storeId', 'store_id'],
  ['tillId', 'till_id'],
  ['orderRef', 'order_ref'],
  ['wallet', 'wallet'],
  ['provider', 'provider'],
  ['providerAccountId', 'provider_account_id'],
  ['providerRef', 'provider_ref'],
  ['status', 'status'],
  ['amount', 'amount'],
  ['paidAmount', 'paid_amount'],
  ['refundedAmount', 'refunded_amount'],
  ['reservedAmount', 'reserved_amount'],
  ['qrCodeText', 'qr_code_text'],
  ['deepLink', 'deep_link'],
  ['items', 'items'],
  ['buyer', 'buyer'],
  ['metadata', 'metadata'],
  ['callbackUrl', 'callback_url'],
  ['payment', 'payment'],
  ['latePayment', 'late_payment'],
  ['cancelReason', 'cancel_reason'],
  ['createdAt', 'created_at'],
  ['expiresAt', 'expires_at'],
  ['paidAt', 'paid_at'],
];
/** The columns an order is read from, named: a prepared statement's `*` would change type with a migration. */
export const ORDER_COLUMNS = COLUMNS.map(([, column]) => column);
const JSON_COLUMNS = new Set(['items', 'buyer', 'metadata', 'payment', 'late_payment']);
const AMOUNT_COLUMNS = new Set(['amount', 'paid_amount', 'refunded_amount', 'reserved_amount']);
const TIME_COLUMNS = new Set(['created_at', 'expires_at', 'paid_at']);
const COLUMN_OF = new Map(COLUMNS);

export function orderFromRow(row: Row): OrderRecord {
  const order: Record<string, unknown> = {};
  for (const [field, column] of COLUMNS) {
    const value = row[column];
    order[field] = AMOUNT_COLUMNS.has(column) ? centavosFrom(value as string | number) : value;
  }
  return order as unknown as OrderRecord;
}

export function rowFromOrder(order: Partial<OrderRecord>): Row {
  const row: Row = {};
  for (const [field, column] of COLUMNS) {
    if (!(field in order)) continue;
    const value = order[field];
    row[column] = JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value;
  }
  return row;
}

export const orderState = (o: OrderRecord): OrderState => ({
  status: o.status,
  amount: o.amount,
  expiresAt: o.expiresAt,
  paidAmount: o.paidAmount,
  refundedAmount: o.refundedAmount,
  reservedAmount: o.reservedAmount,
});

const orderById = new Statement<{ id: string }, Row>(
  'find_order',
  `SELECT ${ORDER_COLUMNS.join(', ')} FROM orders WHERE id = :id`,
);
const lockedOrderById = new Statement<{ id: string }, Row>(
  'lock_order',
  `SELECT ${ORDER_COLUMNS.join(', ')} FROM orders WHERE id = :id FOR UPDATE`,
);

export async function findOrder(db: Db, id: string): Promise<OrderRecord | undefined> {
  const [row] = await orderById.rows(db, { id });
  return row ? orderFromRow(row) : undefined;
}

/** Reads the order and holds its row lock until the transaction ends. */
export async function lockOrder(trx: Knex.Transaction, id: string): Promise<OrderRecord | undefined> {
  const [row] = await lockedOrderById.rows(trx, { id });
  return row ? orderFromRow(row) : undefined;
}

export async function updateOrder(
  trx: Knex.Transaction,
  id: string,
  changes: Partial<OrderRecord>,
): Promise<OrderRecord> {
  const [row] = await trx('orders').where({ id }).update(rowFromOrder(changes)).returning('*');
  if (!row) throw new Error(`order ${id} vanished inside its transaction`);
  return orderFromRow(row);
}

/** A new order as a full `orders` row of column values, for `jsonb_populate_record(NULL::orders, …)`. */
export function freshRow(order: OrderRecord): Row {
  const fresh: Row = {};
  for (const [field, column] of COLUMNS) fresh[column] = order[field];
  return fresh;
}

/**
 * Inserts a new order and, in the same statement, cancels the pending order of its till with the same
 * reference (a regenerated QR replaces the old one); returns the replaced orders. One statement saves
 * a round trip on the hot path. The insert reads the update's count, so the update is done first and
 * the new pending order meets no pending twin in the unique index; a twin a concurrent transaction
 * inserts still does, and the caller retries.
 */
export async function insertReplacingPending(trx: Knex.Transaction, order: OrderRecord): Promise<OrderRecord[]> {
  const result = await trx.raw(
    `WITH replaced AS (
       UPDATE orders SET status = ${statusSql(REPLACEMENT.to)}, cancel_reason = ${sqlWord(REPLACED)}
        WHERE till_id = ? AND order_ref = ? AND ${fromSql('status', REPLACEMENT)}
       RETURNING *
     ),
     inserted AS (
       INSERT INTO orders
       SELECT fresh.* FROM jsonb_populate_record(NULL::orders, ?::jsonb) AS fresh, (SELECT count(*) FROM replaced) AS replaced_first
       RETURNING id
     )
     SELECT * FROM replaced`,
    [order.tillId, order.orderRef, JSON.stringify(freshRow(order))],
  );
  return (result.rows as Row[]).map(orderFromRow);
}

/**
 * Expires up to `eventIds.length` pending orders whose deadline has passed, skipping rows another
 * transaction holds, and appends an `order.expired` event for each, in one statement (its own
 * transaction): the snapshots are built here, so no order travels to the gateway and back. Rows are marked
 * by the physical address they were locked at (a TID scan: a locked row cannot move before the statement
 * ends) and the charges are read from the update's own rows, so no batch scans or hashes the whole table.
 */
export async function expireDue(
  db: Db,
  now: Date,
  eventIds: string[],
): Promise<{ events: StoredEvent[]; orders: ChargeOfOrder[] }> {
  const rows = await expiry.rows(db, { now, limit: eventIds.length, eventIds });
  return {
    events: rows.filter((r) => r.seq !== null).map(eventFromRow),
    orders: rows
      .filter((r) => r.seq === null)
      .map((r) => ({
        id: r.order_id as string,
        providerAccountId: r.provider_account_id as string,
        providerRef: r.provider_ref as string,
      })),
  };
}

/** What removing an order's charge at its provider needs. */
export type ChargeOfOrder = Pick<OrderRecord, 'id' | 'providerAccountId' | 'providerRef'>;

/** The reason a replaced order is cancelled with. */
const REPLACED: CancelReason = 'replaced';

/**
 * A word of the protocol (a status, a reason) as an SQL literal. The domain's transitions are written into
 * the statements rather than bound, so the planner still matches the partial indexes on `status = 'pending'`;
 * only the protocol's closed vocabulary gets here.
 */
function sqlWord(word: string): string {
  if (!/^[a-z_]+$/.test(word)) throw new Error(`not a protocol word: ${word}`);
  return `'${word}'`;
}

function statusSql(status: OrderStatus): string {
  if (!(ORDER_STATUSES as readonly string[]).includes(status)) throw new Error(`not an order status: ${status}`);
  return sqlWord(status);
}

/** The condition that `column` holds a status `transition` takes orders from. */
function fromSql(column: string, transition: BulkTransition): string {
  const [only, ...more] = transition.from;
  if (only === undefined) throw new Error(`no status leads to ${transition.to}`);
  if (more.length === 0) return `${column} = ${statusSql(only)}`;
  return `${column} IN (${transition.from.map(statusSql).join(', ')})`;
}

/** What clients and events see of an order: its wire form without the client secret. */
export type OrderSnapshot = Omit<Order, 'client_secret'>;

/**
 * The snapshot, key by key, with the record field each shows. Both ways of building one come from this map:
 * `orderSnapshot` (services/orders/presenters.ts) from a record, and `snapshotSql` in a statement, from the field's
 * column; a time is ISO 8601 in UTC with milliseconds, as `Date#toISOString` writes it.
 */
const SNAPSHOT_FIELDS = {
  id: 'id',
  order_ref: 'orderRef',
  status: 'status',
  wallet: 'wallet',
  provider: 'provider',
  amount: 'amount',
  refunded_amount: 'refundedAmount',
  store_id: 'storeId',
  till_id: 'tillId',
  environment: 'environment',
  qr_code_text: 'qrCodeText',
  deep_link: 'deepLink',
  items: 'items',
  buyer: 'buyer',
  metadata: 'metadata',
  callback_url: 'callbackUrl',
  created_at: 'createdAt',
  expires_at: 'expiresAt',
  paid_at: 'paidAt',
  payment: 'payment',
  late_payment: 'latePayment',
  cancel_reason: 'cancelReason',
} as const satisfies Record<keyof OrderSnapshot, keyof OrderRecord>;

/** Each key's record field has the key's wire type (a Date, its ISO string): a wrong pair fails to compile. */
type Shown<T> = T extends Date ? string : T;
type Misfits = {
  [K in keyof OrderSnapshot]: [Shown<OrderRecord[(typeof SNAPSHOT_FIELDS)[K]]>] extends [OrderSnapshot[K]] ? never : K;
}[keyof OrderSnapshot];
const fits: [Misfits] extends [never] ? true : Misfits = true;
void fits;

/** One key of the snapshot: the record field it shows, that field's column, and whether it is a time. */
export interface SnapshotField {
  key: keyof OrderSnapshot;
  field: keyof OrderRecord;
  column: string;
  time: boolean;
}

export const ORDER_SNAPSHOT: readonly SnapshotField[] = Object.entries(SNAPSHOT_FIELDS).map(([key, field]) => {
  const column = COLUMN_OF.get(field);
  if (!column) throw new Error(`the order snapshot shows ${field}, which has no column`);
  return { key: key as keyof OrderSnapshot, field, column, time: TIME_COLUMNS.has(column) };
});

/** The snapshot of the order row `alias` as a jsonb expression. */
function snapshotSql(alias: string): string {
  const value = ({ column, time }: SnapshotField) =>
    time ? `to_char(${alias}.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `${alias}.${column}`;
  return `jsonb_build_object(${ORDER_SNAPSHOT.map((f) => `'${f.key}', ${value(f)}`).join(', ')})`;
}

/**
 * The data of an event about the order row `alias` (`eventFor`'s, without a refund) as a jsonb expression,
 * for a statement that writes the order and its event together.
 */
export function orderEventDataSql(alias: string): string {
  return `jsonb_build_object('order', ${snapshotSql(alias)})`;
}

/** The expiry batch, after the snapshot it builds (`expireDue`). */
const expiry = new Statement<{ now: Date; limit: number; eventIds: string[] }, Row>(
  'expire_due',
  `WITH due AS (
     SELECT ctid FROM orders WHERE ${fromSql('status', EXPIRY)} AND expires_at <= :now
      LIMIT :limit FOR UPDATE SKIP LOCKED
   ),
   expired AS (
     UPDATE orders o SET status = ${statusSql(EXPIRY.to)}
      WHERE o.ctid = ANY (ARRAY(SELECT ctid FROM due)) AND ${fromSql('o.status', EXPIRY)}
     RETURNING o.*
   ),
   numbered AS (SELECT x.*, row_number() OVER (ORDER BY x.id)::int AS ord FROM expired x),
   drafts AS (
     SELECT n.merchant_id, n.environment, n.ord, ev.id, 'order.expired'::text AS type,
            n.id AS order_id, n.store_id, n.till_id, ${orderEventDataSql('n')} AS data,
            :now::timestamptz AS created_at
       FROM numbered n JOIN unnest(:eventIds::text[]) WITH ORDINALITY AS ev(id, ord) ON ev.ord = n.ord
   ),
   ${appendEventsCtes('drafts')}
   -- The events, then the charges as rows without a seq: joining the two on the order would be planned
   -- as a nested loop, since the planner cannot count a CTE's rows (4,000 × 4,000 comparisons a batch).
   SELECT i.merchant_id, i.environment, i.seq, i.id, i.type, i.order_id, i.store_id, i.till_id, i.data, i.created_at,
          NULL::text AS provider_account_id, NULL::text AS provider_ref
     FROM inserted i
   UNION ALL
   SELECT NULL, NULL, NULL, NULL, NULL, x.id, NULL, NULL, NULL, NULL, x.provider_account_id, x.provider_ref
     FROM expired x`,
);

const due = new Statement<{ now: Date }, { due: boolean }>(
  'any_due',
  `SELECT EXISTS (SELECT 1 FROM orders WHERE ${fromSql('status', EXPIRY)} AND expires_at <= :now) AS due`,
);

/** Whether an order is waiting to expire: one index probe. */
export async function anyDue(db: Db, now: Date): Promise<boolean> {
  const [row] = await due.rows(db, { now });
  return row?.due === true;
}

export interface OrderFilter {
  merchantId: string;
  environment: Environment;
  tillId?: string | undefined;
  storeId?: string | undefined;
  /** The stores a scoped panel user may see. */
  storeIds?: readonly string[] | undefined;
  status?: OrderStatus | undefined;
  wallet?: Wallet | undefined;
  provider?: string | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  q?: string | undefined;
}

/** Newest first; the cursor is the last row of the previous page, so inserts never shift a page. */
export async function listOrders(db: Db, f: OrderFilter, limit: number, after?: PageCursor): Promise<OrderRecord[]> {
  const rows = await newestFirstPage(matchingOrders(db, f), limit, after);
  return rows.map(orderFromRow);
}

/** The orders a filter selects: the one place the list, its totals and every report read them. */
export function matchingOrders(db: Db, f: OrderFilter): Knex.QueryBuilder {
  const query = db('orders').where({ merchant_id: f.merchantId, environment: f.environment });
  if (f.tillId) query.andWhere('till_id', f.tillId);
  if (f.storeId) query.andWhere('store_id', f.storeId);
  if (f.storeIds) query.whereIn('store_id', f.storeIds);
  if (f.status) query.andWhere('status', f.status);
  if (f.wallet) query.andWhere('wallet', f.wallet);
  if (f.provider) query.andWhere('provider', f.provider);
  if (f.amountMin !== undefined) query.andWhere('amount', '>=', f.amountMin);
  if (f.amountMax !== undefined) query.andWhere('amount', '<=', f.amountMax);
  if (f.createdFrom) query.andWhere('created_at', '>=', f.createdFrom);
  if (f.createdTo) query.andWhere('created_at', '<', f.createdTo);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere((w) => w.whereILike('order_ref', pattern).orWhere('id', f.q ?? ''));
  }
  return query;
}
