import { randomBytes, randomUUID } from 'node:crypto';
import { encodeBRCode, formatReais as text } from '@tillgate/sdk/pix';
import { badRequest, conflict, MercadopagoError, orderNotFound } from './errors.js';
import type { PointsOfSale } from './pos.js';

/** Status words of the QR Code Orders API (orders, payment transactions, refunds). */
export type OrderStatus = 'created' | 'processed' | 'refunded' | 'expired' | 'canceled';
export type PaymentStatus = 'created' | 'processed' | 'refunded' | 'expired' | 'canceled';
export type RefundStatus = 'processing' | 'processed' | 'failed';
/** `config.qr.mode`: the order's own QR (`dynamic`), the POS's printed QR (`static`), or both (`hybrid`). */
export type QrMode = 'static' | 'dynamic' | 'hybrid';
const QR_MODES: readonly string[] = ['static', 'dynamic', 'hybrid'] satisfies QrMode[];

export interface Payment {
  id: string;
  amount: string;
  paid_amount?: string;
  refunded_amount?: string;
  status: PaymentStatus;
  status_detail: string;
}

export interface Refund {
  id: string;
  transaction_id: string;
  amount: string;
  status: RefundStatus;
}

/** An order as `GET /v1/orders/{id}` answers it. */
export interface Order {
  id: string;
  type: 'qr';
  user_id: string;
  external_reference: string;
  description?: string;
  total_amount: string;
  total_paid_amount?: string;
  expiration_time: string;
  processing_mode: 'automatic';
  country_code: 'BRA';
  status: OrderStatus;
  status_detail: string;
  created_date: string;
  last_updated_date: string;
  config: { qr: { external_pos_id: string; mode: QrMode } };
  /** The order's own QR: in `dynamic` and `hybrid` mode only (a `static` order is paid through its POS's QR). */
  type_response?: { qr_data: string };
  transactions: { payments: Payment[]; refunds?: Refund[] };
}

export interface LedgerOptions {
  userId: string;
  /** Host and path of the QR locations, as the till's payer scans them. */
  locationBase: () => string;
  merchantName: string;
  merchantCity: string;
  /** POS external ids that exist at this account for dynamic orders; empty accepts any. */
  posIds: readonly string[];
  /** The POS made through `/pos`, whose printed QRs static and hybrid orders are linked to. */
  pointsOfSale: PointsOfSale;
  now: () => Date;
}

const REAIS = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;
const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * One Mercado Pago account's QR orders and the rules the reference states: `type: "qr"`, amounts as
 * decimal strings with two decimals or none, one payment equal to the total, `expiration_time` from 30 s to
 * 3600 h, cancel only while `created`, refunds only while `processed`, partials less than the payment and
 * never beyond what is left.
 */
export class MercadopagoLedger {
  private readonly orders = new Map<string, Order>();
  private readonly failingRefunds = new Set<string>();
  private readonly locations = new Map<string, string>();

  constructor(private readonly options: LedgerOptions) {}

  create(body: unknown): Order {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (b.type !== 'qr') throw badRequest('property_value', 'type must be "qr".');
    const total = amountOf(b.total_amount, 'total_amount');
    const payments = (b.transactions as { payments?: Array<{ amount?: unknown }> } | undefined)?.payments;
    if (!Array.isArray(payments) || payments.length !== 1)
      throw badRequest('property_value', 'transactions.payments must hold one payment.');
    if (amountOf(payments[0]?.amount, 'transactions.payments.amount') !== total)
      throw badRequest('property_value', 'total_amount must equal the sum of the transactions.');
    if (typeof b.external_reference !== 'string' || !REFERENCE.test(b.external_reference))
      throw badRequest('property_value', 'external_reference must have up to 64 letters, digits, - or _.');
    if (b.description !== undefined && (typeof b.description !== 'string' || b.description.length > 150))
      throw badRequest('property_value', 'description must be a string of up to 150 characters.');
    const expiration = b.expiration_time ?? 'PT15M';
    if (typeof expiration !== 'string' || !validDuration(expiration))
      throw badRequest('property_value', 'expiration_time must be an ISO 8601 duration from 30 seconds to 3600 hours.');
    const qr = (b.config as { qr?: { external_pos_id?: unknown; mode?: unknown } } | undefined)?.qr;
    const pos = qr?.external_pos_id;
    if (typeof pos !== 'string' || pos === '')
      throw badRequest('property_value', 'config.qr.external_pos_id is required.');
    // The reference: "if none is sent, the default value will be static".
    const mode = qr?.mode ?? 'static';
    if (typeof mode !== 'string' || !QR_MODES.includes(mode))
      throw badRequest('property_value', 'config.qr.mode must be static, dynamic or hybrid.');
    const printed = mode !== 'dynamic';
    // A printed QR is its POS's, made through `POST /pos`: no POS, nothing to link the order to.
    if (
      printed
        ? !this.options.pointsOfSale.pos(pos)
        : this.options.posIds.length > 0 && !this.options.posIds.includes(pos)
    )
      throw new MercadopagoError(404, 'pos_not_found', `The POS ${pos} was not found.`);

    const now = this.options.now().toISOString();
    const location = mode === 'static' ? undefined : `${this.options.locationBase()}/instore/o/v2/${randomUUID()}`;
    const order: Order = {
      id: mpId('ORD'),
      type: 'qr',
      user_id: this.options.userId,
      external_reference: b.external_reference,
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      total_amount: text(total),
      expiration_time: expiration,
      processing_mode: 'automatic',
      country_code: 'BRA',
      status: 'created',
      status_detail: 'created',
      created_date: now,
      last_updated_date: now,
      config: { qr: { external_pos_id: pos, mode: mode as QrMode } },
      ...(location === undefined
        ? {}
        : {
            type_response: {
              qr_data: encodeBRCode({
                kind: 'dynamic',
                usage: 'single-use',
                location,
                merchantName: this.options.merchantName,
                merchantCity: this.options.merchantCity,
              }),
            },
          }),
      transactions: {
        payments: [{ id: mpId('PAY'), amount: text(total), status: 'created', status_detail: 'created' }],
      },
    };
    this.orders.set(order.id, order);
    if (location !== undefined) this.locations.set(location, order.id);
    if (printed) this.options.pointsOfSale.link(pos, order.id);
    return order;
  }

  get(id: string): Order {
    if (!/^ORD[A-Z0-9]{26}$/.test(id))
      throw badRequest('invalid_path_param', 'The Order ID must begin with "ORD" and be followed by 26 characters.');
    const order = this.orders.get(id);
    if (!order) throw orderNotFound();
    return order;
  }

  /** The newest order under an `external_reference` (the integrator's own id for it). */
  byReference(reference: string): Order | undefined {
    return [...this.orders.values()].filter((o) => o.external_reference === reference).at(-1);
  }

  /**
   * The order behind a QR location, as the payer's app finds it: an order's own QR, or a POS's printed one,
   * which charges the POS's current order while it waits for payment (else the app has nothing to show).
   */
  orderAt(location: string): Order {
    const atPos = this.options.pointsOfSale.orderAt(location);
    if (atPos) {
      const order = atPos.orderId === undefined ? undefined : this.get(atPos.orderId);
      if (order?.status !== 'created')
        throw new MercadopagoError(404, 'order_not_found', `The POS ${atPos.pos} has no order waiting for payment.`);
      return order;
    }
    const id = this.locations.get(location);
    if (!id) throw orderNotFound();
    return this.get(id);
  }

  cancel(id: string): Order {
    const order = this.get(id);
    if (order.status !== 'created')
      throw conflict('cannot_cancel_order', `The order cannot be canceled in status "${order.status}".`);
    return this.settle(order, 'canceled', 'canceled');
  }

  /** The expiration time passed unpaid (played by a control: the gateway owns expiry). */
  expire(id: string): Order {
    const order = this.get(id);
    if (order.status !== 'created') throw conflict('invalid_order_status', `The order is "${order.status}".`);
    return this.settle(order, 'expired', 'expired');
  }

  /** A payer pays, by default the exact amount; `refunds: "fail"` makes its refunds come back failed. */
  pay(id: string, options: { centavos?: number; refunds?: 'fail' } = {}): Order {
    const order = this.get(id);
    if (order.status !== 'created') throw conflict('invalid_order_status', `The order is "${order.status}".`);
    const payment = paymentOf(order);
    const paid = options.centavos === undefined ? payment.amount : text(options.centavos);
    Object.assign(payment, { paid_amount: paid, status: 'processed', status_detail: 'accredited' });
    order.total_paid_amount = paid;
    if (options.refunds === 'fail') this.failingRefunds.add(payment.id);
    return this.settle(order, 'processed', 'accredited');
  }

  /** `POST /v1/orders/{id}/refund`: an empty body refunds all, `transactions[{id, amount}]` a part. */
  refund(id: string, body: unknown, settled = true): Order {
    const order = this.get(id);
    if (order.status === 'refunded') throw conflict('order_already_refunded', 'The order has already been refunded.');
    if (order.status !== 'processed')
      throw conflict('invalid_order_status', 'Only orders with status "processed" can be refunded.');
    const payment = paymentOf(order);
    const paid = amountOf(payment.paid_amount, 'paid_amount');
    const refunded = payment.refunded_amount ? amountOf(payment.refunded_amount, 'refunded_amount') : 0;
    const asked = (body as { transactions?: Array<{ id?: unknown; amount?: unknown }> } | undefined)?.transactions;
    let amount = paid - refunded;
    if (asked !== undefined) {
      const [only] = asked;
      if (asked.length !== 1 || only?.id !== payment.id)
        throw new MercadopagoError(404, 'transaction_not_found', 'The transaction was not found in this order.');
      amount = amountOf(only.amount, 'transactions.amount');
      if (amount <= 0 || amount >= paid)
        throw badRequest('property_value', 'The amount must be less than the original transaction value.');
      if (amount > paid - refunded)
        throw badRequest('refund_amount_exceeds', 'Refund amount exceeds the available amount.');
    }
    const failed = this.failingRefunds.has(payment.id);
    const refund: Refund = {
      id: mpId('REF'),
      transaction_id: payment.id,
      amount: text(amount),
      status: failed ? 'failed' : settled ? 'processed' : 'processing',
    };
    order.transactions.refunds = [...(order.transactions.refunds ?? []), refund];
    if (failed) return this.touch(order);
    const total = refunded + amount;
    payment.refunded_amount = text(total);
    if (total < paid) {
      payment.status_detail = 'partially_refunded';
      return this.settle(order, 'processed', 'partially_refunded');
    }
    Object.assign(payment, { status: 'refunded', status_detail: 'refunded' });
    return this.settle(order, 'refunded', 'refunded');
  }

  /** A refund answered `processing` reaches `processed` (what the payer's side takes its time over). */
  settleRefund(orderId: string, refundId: string): Order {
    const order = this.get(orderId);
    const refund = order.transactions.refunds?.find((r) => r.id === refundId);
    if (refund?.status === 'processing') refund.status = 'processed';
    return this.touch(order);
  }

  private settle(order: Order, status: OrderStatus, detail: string): Order {
    order.status = status;
    order.status_detail = detail;
    if (status === 'canceled' || status === 'expired')
      Object.assign(paymentOf(order), { status, status_detail: detail });
    return this.touch(order);
  }

  private touch(order: Order): Order {
    order.last_updated_date = this.options.now().toISOString();
    return order;
  }
}

function paymentOf(order: Order): Payment {
  const payment = order.transactions.payments[0];
  if (!payment) throw new MercadopagoError(500, 'internal_error', 'The order has no payment.');
  return payment;
}

/** Mercado Pago's ids: a prefix and 26 capitals and digits (`ORD01JQ4S4KY8HWQ6NA5PXB65B3D3`). */
function mpId(prefix: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return prefix + [...randomBytes(26)].map((b) => alphabet.charAt(b % 32)).join('');
}

function amountOf(value: unknown, field: string): number {
  if (typeof value !== 'string' || !REAIS.test(value))
    throw badRequest('property_type', `${field} must be a decimal string with two decimals or none.`);
  const [units = '0', cents = ''] = value.split('.');
  return Number(units) * 100 + Number(cents.padEnd(2, '0'));
}

function validDuration(value: string): boolean {
  const m = DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return false;
  const [d, h, min, s] = m.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number];
  const seconds = ((d * 24 + h) * 60 + min) * 60 + s;
  return seconds >= 30 && seconds <= 3600 * 3600;
}
