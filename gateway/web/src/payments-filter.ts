import type { Order } from '@tillgate/sdk/protocol';
import type { OrderFilters } from './api/endpoints.js';

/**
 * Whether an order that arrived live belongs in the list the filters describe: the same tests the server
 * applies to `GET /v1/orders`, so a live arrival never shows in a list that would not hold it.
 */
export function matchesFilters(order: Order, f: OrderFilters): boolean {
  const created = Date.parse(order.created_at);
  const q = f.q?.trim().toLowerCase();
  return (
    (!f.status || order.status === f.status) &&
    (!f.wallet || order.wallet === f.wallet) &&
    (!f.store_id || order.store_id === f.store_id) &&
    (!f.till_id || order.till_id === f.till_id) &&
    (f.amount_min === undefined || order.amount >= f.amount_min) &&
    (f.amount_max === undefined || order.amount <= f.amount_max) &&
    (!f.created_from || created >= Date.parse(f.created_from)) &&
    (!f.created_to || created < Date.parse(f.created_to)) &&
    (!q || order.order_ref.toLowerCase().includes(q) || order.id === q)
  );
}
