import type { Knex } from 'knex';
import { matchingOrders, type OrderFilter, type OrderRecord, orderFromRow } from './orders.js';

type Db = Knex | Knex.Transaction;

export type ShipayOrderKind = 'order' | 'orderv';

/** What the Shipay-compatible API adds to one of our orders. */
export interface ShipayOrderLink {
  /** The UUID the Shipay client knows the order by. */
  orderId: string;
  tillgateOrderId: string;
  kind: ShipayOrderKind;
  /** The items as the client sent them, in its own shape. */
  items: unknown[];
}

export interface LinkedOrder {
  link: ShipayOrderLink;
  order: OrderRecord;
}

type Row = Record<string, unknown>;

const linkFromRow = (row: Row): ShipayOrderLink => ({
  orderId: row.order_id as string,
  tillgateOrderId: row.tillgate_order_id as string,
  kind: row.kind as ShipayOrderKind,
  items: (row.shipay_items as unknown[] | null) ?? [],
});

export async function insertShipayOrder(db: Db, link: ShipayOrderLink): Promise<void> {
  await db('shipay_orders').insert({
    order_id: link.orderId,
    tillgate_order_id: link.tillgateOrderId,
    kind: link.kind,
    shipay_items: JSON.stringify(link.items),
  });
}

export async function findShipayOrder(db: Db, orderId: string): Promise<ShipayOrderLink | undefined> {
  const row = await db('shipay_orders').where({ order_id: orderId }).first();
  return row ? linkFromRow(row) : undefined;
}

/**
 * One page of the orders a filter selects that a Shipay client made, newest first, by offset (how
 * Shipay clients page), with the number of all of them.
 */
export async function listShipayOrders(
  db: Db,
  filter: OrderFilter,
  limit: number,
  offset: number,
): Promise<{ rows: LinkedOrder[]; total: number }> {
  const linked = () => matchingOrders(db, filter).join('shipay_orders', 'shipay_orders.tillgate_order_id', 'orders.id');
  const [rows, counted] = await Promise.all([
    linked()
      .select(
        'orders.*',
        'shipay_orders.order_id',
        'shipay_orders.tillgate_order_id',
        'shipay_orders.kind',
        'shipay_orders.shipay_items',
      )
      .orderBy([
        { column: 'orders.created_at', order: 'desc' },
        { column: 'orders.id', order: 'desc' },
      ])
      .offset(offset)
      .limit(limit),
    linked().count({ n: '*' }).first(),
  ]);
  return {
    rows: (rows as Row[]).map((row) => ({ link: linkFromRow(row), order: orderFromRow(row) })),
    total: Number((counted as { n?: unknown } | undefined)?.n ?? 0),
  };
}
