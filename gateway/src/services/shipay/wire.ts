import { reaisFromCentavos } from '../../adapters/money.js';
import { instantAtWallClock, wallClock } from '../../domain/zoned-time.js';
import type { OrderRecord } from '../../store/orders.js';
import type { ShipayOrderLink } from '../../store/shipay-orders.js';

/** The order's metadata key holding its Shipay UUID: callbacks read it without a query. */
export const SHIPAY_ORDER_ID_KEY = 'shipay_order_id';

/** Shipay's clients read and write times as São Paulo wall-clock time without an offset. */
export const SHIPAY_TIME_ZONE = 'America/Sao_Paulo';

export const SHIPAY_STATUSES = [
  'pending',
  'pendingv',
  'approved',
  'expired',
  'cancelled',
  'refunded',
  'partial_refunded',
  'refund_pending',
] as const;
export type ShipayStatus = (typeof SHIPAY_STATUSES)[number];

/** `YYYY-MM-DDTHH:MM:SS` in São Paulo, as ACBr's `Iso8601ToDateTime` and the plugins parse it. */
export const shipayTime = (instant: Date | null): string | null =>
  instant ? wallClock(instant, SHIPAY_TIME_ZONE).toISOString().slice(0, 19) : null;

/** Reais as a JSON number with at most two decimals (Shipay's `total_order`, `paid_amount`). */
const reais = (centavos: number): number => Number(reaisFromCentavos(centavos));

/**
 * Our status in Shipay's words: a pending `/orderv` order is `pendingv`, a refund still with the
 * provider (the order holds more than it has refunded) is `refund_pending`.
 */
export function shipayStatus(order: OrderRecord, kind: ShipayOrderLink['kind']): ShipayStatus {
  const refundInFlight = order.reservedAmount > order.refundedAmount;
  switch (order.status) {
    case 'pending':
      return kind === 'orderv' ? 'pendingv' : 'pending';
    case 'approved':
      return refundInFlight ? 'refund_pending' : 'approved';
    case 'partially_refunded':
      return refundInFlight ? 'refund_pending' : 'partial_refunded';
    default:
      return order.status;
  }
}

/** The order as `GET /order/{order_id}` answers it. */
export function shipayOrderInfo(link: ShipayOrderLink, order: OrderRecord) {
  const paid = order.payment?.paid_amount ?? order.paidAmount;
  return {
    order_id: link.orderId,
    external_id: order.orderRef,
    order_ref: order.orderRef,
    status: shipayStatus(order, link.kind),
    wallet: order.wallet,
    pix_psp: order.provider,
    total_order: reais(order.amount),
    paid_amount: reais(paid),
    // Centavos, as ACBr reads it (`balance / 100`): what is paid and not refunded.
    balance: Math.max(0, paid - order.refundedAmount),
    refunded_amount: reais(order.refundedAmount),
    created_at: shipayTime(order.createdAt),
    updated_at: shipayTime(order.paidAt ?? order.createdAt),
    payment_date: shipayTime(order.paidAt),
    ...(link.kind === 'orderv' ? { expiration_date: shipayTime(order.expiresAt) } : {}),
    wallet_payment_id: order.payment?.provider_payment_id ?? null,
    items: link.items,
    message: statusMessage(shipayStatus(order, link.kind)),
    tillgate_order_id: order.id,
  };
}

/** A line of an `/orders/list` page, with the `order_`-prefixed times ACBr's list reader takes. */
export function shipayListEntry(link: ShipayOrderLink, order: OrderRecord) {
  const info = shipayOrderInfo(link, order);
  return {
    ...info,
    order_created_at: info.created_at,
    order_expiration_date: shipayTime(order.expiresAt),
  };
}

const MESSAGES: Record<ShipayStatus, string> = {
  pending: 'Aguardando pagamento',
  pendingv: 'Aguardando pagamento',
  approved: 'Pagamento aprovado',
  expired: 'Pedido expirado',
  cancelled: 'Pedido cancelado',
  refunded: 'Pagamento estornado',
  partial_refunded: 'Pagamento estornado parcialmente',
  refund_pending: 'Estorno em processamento',
};

const statusMessage = (status: ShipayStatus): string => MESSAGES[status];

/** A time a Shipay client sends: São Paulo wall-clock without an offset, or an instant with one. */
export function shipayInstant(text: string): Date | undefined {
  const wall = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?$/.exec(text.trim());
  if (wall) {
    const time = `${wall[1]}T${wall[2] ?? '00:00'}${wall[3] ?? ':00'}`;
    // A day or an hour that does not exist (2026-13-01, 2026-02-30, 25:00) is refused before any zone arithmetic.
    const asUtc = new Date(`${time}Z`);
    const exists = !Number.isNaN(asUtc.getTime()) && asUtc.toISOString().slice(0, 19) === time;
    return exists ? instantAtWallClock(time, SHIPAY_TIME_ZONE) : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) return undefined;
  const instant = Date.parse(text.trim());
  return Number.isNaN(instant) ? undefined : new Date(instant);
}
