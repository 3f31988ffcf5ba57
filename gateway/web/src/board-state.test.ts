import type { Board, Order, Till, TillgateEvent } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { applyEvent, IDLE_AFTER_MS, isIdle } from './board-state.js';

const till = (id: string): Till => ({
  id,
  store_id: 'sto_1',
  client_id: `c-${id}`,
  name: id,
  category: 'physical',
  active: true,
  qr_mode: 'dynamic',
  created_at: '2026-06-01T10:00:00Z',
});

const order = (id: string, over: Partial<Order> = {}): Order =>
  ({
    id,
    order_ref: id,
    status: 'pending',
    wallet: 'pix',
    amount: 1990,
    refunded_amount: 0,
    till_id: 'till_a',
    store_id: 'sto_1',
    created_at: '2026-06-01T12:00:00Z',
    expires_at: '2026-06-01T13:00:00Z',
    ...over,
  }) as Order;

const event = (type: TillgateEvent['type'], o: Order, created_at = o.created_at): TillgateEvent =>
  ({ id: `evt_${type}`, seq: 1, type, created_at, environment: 'test', data: { order: o } }) as TillgateEvent;

const board = (): Board => ({
  store_id: 'sto_1',
  tills: [
    { till: till('till_a'), current_order: null, last_activity_at: null, idle: true },
    { till: till('till_b'), current_order: null, last_activity_at: null, idle: true },
  ],
  recent_payments: [],
  seq: 0,
});

describe('the board under events', () => {
  it("puts a new order on its till's tile and wakes the till", () => {
    const next = applyEvent(board(), event('order.created', order('ord_1')));
    expect(next?.tills[0]).toMatchObject({ current_order: { id: 'ord_1' }, idle: false });
    expect(next?.tills[1]?.current_order).toBeNull();
  });

  it('turns the tile paid and adds the payment to the feed once', () => {
    const created = applyEvent(board(), event('order.created', order('ord_1'))) as Board;
    const paid = order('ord_1', { status: 'approved' });
    const approved = applyEvent(created, event('order.approved', paid)) as Board;
    expect(approved.tills[0]?.current_order?.status).toBe('approved');
    expect(approved.recent_payments.map((o) => o.id)).toEqual(['ord_1']);
    const refunded = applyEvent(approved, event('order.refunded', { ...paid, status: 'refunded' })) as Board;
    expect(refunded.recent_payments).toHaveLength(1);
    expect(refunded.recent_payments[0]?.status).toBe('refunded');
  });

  it("keeps the till's newest order when an older one changes", () => {
    const older = order('ord_old', { created_at: '2026-06-01T11:00:00Z', status: 'approved' });
    const newer = applyEvent(board(), event('order.created', order('ord_new'))) as Board;
    const next = applyEvent(newer, event('order.refunded', { ...older, status: 'refunded' })) as Board;
    expect(next.tills[0]?.current_order?.id).toBe('ord_new');
  });

  it('asks for a fresh read when the till is unknown', () => {
    expect(applyEvent(board(), event('order.created', order('ord_1', { till_id: 'till_new' })))).toBeUndefined();
  });

  it('marks a till idle after 15 minutes without an order', () => {
    const tile = { till: till('till_a'), current_order: null, last_activity_at: '2026-06-01T12:00:00Z', idle: false };
    const at = Date.parse('2026-06-01T12:00:00Z');
    expect(isIdle(tile, at + IDLE_AFTER_MS - 1000)).toBe(false);
    expect(isIdle(tile, at + IDLE_AFTER_MS + 1000)).toBe(true);
  });
});
