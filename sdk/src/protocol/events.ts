import type { Problem } from './errors.js';
import { PAYMENT_LINK_EVENT_TYPES, type PaymentLink, type PaymentLinkEventType } from './payment-links.js';
import type { Environment, Order, Refund, Report } from './resources.js';

export const ORDER_EVENT_TYPES = [
  'order.created',
  'order.approved',
  'order.expired',
  'order.cancelled',
  'order.partially_refunded',
  'order.refunded',
  'order.late_payment',
] as const;
export const REFUND_EVENT_TYPES = ['refund.created', 'refund.succeeded', 'refund.failed'] as const;
/**
 * The payer's bank took money back without the merchant asking (a Pix MED devolução). It carries the order and
 * the refund recorded for it (`initiated_by: 'payer_bank'`, its `natureza`), and comes with the usual
 * `refund.created`, `refund.succeeded` and `order.partially_refunded` or `order.refunded`.
 */
export const DISPUTE_EVENT_TYPES = ['order.disputed'] as const;
/** The events `GET /v1/events?type=` can ask for by name. */
export const EVENT_TYPES = [...ORDER_EVENT_TYPES, ...DISPUTE_EVENT_TYPES, ...REFUND_EVENT_TYPES] as const;
/** The events a webhook endpoint can ask for by name: those, and a payment link's opening, payment and expiry. */
export const WEBHOOK_EVENT_TYPES = [...EVENT_TYPES, ...PAYMENT_LINK_EVENT_TYPES] as const;
/** A sales file's progress, on the merchant topic only (and its store's, when the file is of one store). */
export const REPORT_EVENT_TYPES = ['report.updated'] as const;

export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];
export type RefundEventType = (typeof REFUND_EVENT_TYPES)[number];
export type DisputeEventType = (typeof DISPUTE_EVENT_TYPES)[number];
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];
export type EventType = OrderEventType | DisputeEventType | RefundEventType | ReportEventType | PaymentLinkEventType;

interface EventBase<T extends EventType, D> {
  id: string;
  /** Strictly increasing per merchant environment; a subscriber resumes with `after_seq`. */
  seq: number;
  type: T;
  created_at: string;
  environment: Environment;
  data: D;
}

export type OrderEvent = { [T in OrderEventType]: EventBase<T, { order: Order }> }[OrderEventType];
export type RefundEvent = { [T in RefundEventType]: EventBase<T, { order: Order; refund: Refund }> }[RefundEventType];
export type DisputeEvent = EventBase<'order.disputed', { order: Order; refund: Refund }>;
/** Every event about orders and refunds, discriminated on `type`: what webhooks and `GET /v1/events` carry. */
export type TillgateEvent = OrderEvent | DisputeEvent | RefundEvent;
/** A sales file's progress; only the WebSocket's merchant (and store) topics carry it. */
export type ReportEvent = EventBase<'report.updated', { report: Report }>;
/** A payment link's change, on the merchant and store topics and to webhooks that ask for it. */
export type PaymentLinkEvent = {
  [T in PaymentLinkEventType]: EventBase<T, { payment_link: PaymentLink }>;
}[PaymentLinkEventType];
/** Whatever a WebSocket topic may carry. */
export type LiveEvent = TillgateEvent | ReportEvent | PaymentLinkEvent;

/** True for an order's or a refund's event, the stream clients watch orders by. */
export const isOrderEvent = (e: LiveEvent): e is TillgateEvent =>
  e.type.startsWith('order.') || e.type.startsWith('refund.');

/** Topics a WebSocket client may subscribe to. */
export type Topic = `till:${string}` | `store:${string}` | `order:${string}` | 'merchant';

export type ClientMessage =
  | { op: 'subscribe'; topic: Topic; after_seq?: number }
  | { op: 'unsubscribe'; topic: Topic }
  /** A fresh access token of the same till or app, before the socket's one expires; it then lives until this one does. */
  | { op: 'auth'; token: string };

export type ServerMessage =
  | { op: 'subscribed'; topic: Topic; seq: number }
  | { op: 'authenticated'; expires_at: string }
  | { op: 'unsubscribed'; topic: Topic }
  | { op: 'event'; topic: Topic; event: LiveEvent }
  | { op: 'reset'; topic: Topic }
  | { op: 'error'; topic?: Topic; error: Problem };

/**
 * Why the gateway closed a WebSocket. 4401: the credentials it was opened with were revoked (store
 * credentials rotated, till deactivated, app secret regenerated, panel session ended) or its access token
 * expired without an `auth` message; reconnect with fresh credentials and resume with `after_seq`.
 */
export const WS_CLOSE = {
  goingAway: 1001,
  protocolError: 1002,
  invalidPayload: 1007,
  policyViolation: 1008,
  tooBig: 1009,
  credentialsEnded: 4401,
} as const;
