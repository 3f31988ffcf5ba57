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

const TEXT_FILTERS = ['status', 'wallet', 'store_id', 'till_id', 'q', 'created_from', 'created_to'] as const;
const AMOUNT_FILTERS = ['amount_min', 'amount_max'] as const;

/**
 * The filters a payments address carries (`#/payments?status=approved&amount_min=1000`), under the API's own
 * query names, so a filtered view survives Back and reload and can be bookmarked. Unknown names and amounts
 * that are not whole centavos are dropped; the server judges the rest.
 */
export function filtersFromQuery(query: URLSearchParams): OrderFilters {
  const filters: OrderFilters = {};
  for (const name of TEXT_FILTERS) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  for (const name of AMOUNT_FILTERS) {
    const value = query.get(name);
    if (value && /^\d{1,15}$/.test(value)) filters[name] = Number(value);
  }
  return filters;
}

/** The payments address of these filters, in a fixed order so equal filters make equal addresses. */
export function paymentsHash(filters: OrderFilters): string {
  const query = new URLSearchParams();
  for (const name of [...AMOUNT_FILTERS, ...TEXT_FILTERS]) {
    const value = filters[name];
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const search = query.toString();
  return search ? `#/payments?${search}` : '#/payments';
}
