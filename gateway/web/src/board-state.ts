import type { Board, BoardTill, Order, TillgateEvent } from '@tillgate/sdk/protocol';

/** A till is idle when it has not created an order or logged in for this long (gateway/web/README.md). */
export const IDLE_AFTER_MS = 15 * 60_000;
const RECENT_PAYMENTS = 20;
const PAID = new Set(['approved', 'partially_refunded', 'refunded']);

/** The board after an event; undefined when the board does not know the event's till (read it again). */
export const applyEvent = (board: Board, event: TillgateEvent): Board | undefined =>
  applyOrder(board, event.data.order, {
    activityAt: event.type === 'order.created' ? event.created_at : undefined,
    justPaid: event.type === 'order.approved',
  });

/** The board with a newer state of one order: its till's tile and the feed of payments. */
export function applyOrder(
  board: Board,
  order: Order,
  how: { activityAt?: string | undefined; justPaid?: boolean } = {},
): Board | undefined {
  if (!board.tills.some((t) => t.till.id === order.till_id)) return undefined;
  return {
    ...board,
    tills: board.tills.map((t) => (t.till.id === order.till_id ? applyToTill(t, order, how.activityAt) : t)),
    recent_payments: applyToFeed(board.recent_payments, order, how.justPaid ?? false),
  };
}

function applyToTill(tile: BoardTill, order: Order, activityAt: string | undefined): BoardTill {
  const current = tile.current_order;
  // A later event about an older order (a refund of this morning's sale) does not take the tile.
  const takes = !current || current.id === order.id || order.created_at >= current.created_at;
  return {
    ...tile,
    current_order: takes ? order : current,
    last_activity_at: activityAt ?? tile.last_activity_at,
    idle: activityAt ? false : tile.idle,
  };
}

function applyToFeed(feed: Order[], order: Order, justPaid: boolean): Order[] {
  if (feed.some((o) => o.id === order.id)) return feed.map((o) => (o.id === order.id ? order : o));
  if (!justPaid || !PAID.has(order.status)) return feed;
  return [order, ...feed].slice(0, RECENT_PAYMENTS);
}

export const isIdle = (tile: BoardTill, now: number): boolean =>
  tile.last_activity_at ? now - Date.parse(tile.last_activity_at) > IDLE_AFTER_MS : tile.idle;
