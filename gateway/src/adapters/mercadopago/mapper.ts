import { z } from 'zod';
import { centavosFromReais, reaisFromCentavos } from '../money.js';
import type {
  Charge,
  ChargeRequest,
  ChargeState,
  FixedQrLink,
  ProviderEvent,
  ProviderPayment,
  RefundState,
} from '../types.js';
import { ProviderRejected, ProviderUnavailable } from '../types.js';

/** The one place where Mercado Pago's Orders API (in-store QR) shapes, statuses and reais text meet ours. */

/**
 * Every order status the Orders API documents, each to exactly one of ours. A QR order goes
 * created → processed → refunded, or created → expired / canceled; the rest are the Orders API's
 * other statuses (Point, online), kept so no answer is ever unmapped. `refunded` and `charged_back`
 * are paid: the money came, and what went back is the refunds' business.
 */
export const ORDER_STATUS = {
  created: 'pending',
  processing: 'pending',
  action_required: 'pending',
  at_terminal: 'pending',
  processed: 'paid',
  refunded: 'paid',
  charged_back: 'paid',
  expired: 'cancelled',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  failed: 'cancelled',
} as const satisfies Record<string, ChargeState['status']>;

/** A payment transaction's status, the order's words plus one: whether the payer's money arrived with it. */
export const PAYMENT_STATUS = {
  ...ORDER_STATUS,
  partially_refunded: 'paid',
} as const satisfies Record<string, ChargeState['status']>;

/** A refund transaction's status (`transactions.refunds[].status`). */
export const REFUND_STATUS = {
  created: 'pending',
  processing: 'pending',
  in_process: 'pending',
  pending: 'pending',
  processed: 'succeeded',
  approved: 'succeeded',
  refunded: 'succeeded',
  failed: 'failed',
  rejected: 'failed',
  canceled: 'failed',
  cancelled: 'failed',
} as const satisfies Record<string, RefundState['status']>;

export type MercadopagoOrderStatus = keyof typeof ORDER_STATUS;

const keysOf = <T extends object>(table: T) => Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];

/** Decimal reais as the API writes them: "10.00", "10" ("two decimal places or none"). */
const reais = z.string().regex(/^\d+(\.\d+)?$/);

const paymentSchema = z.object({
  id: z.string().min(1),
  amount: reais,
  paid_amount: reais.optional(),
  refunded_amount: reais.optional(),
  status: z.enum(keysOf(PAYMENT_STATUS)),
  status_detail: z.string().optional(),
});

const refundSchema = z.object({
  id: z.string().min(1),
  transaction_id: z.string().optional(),
  reference_id: z.string().optional(),
  amount: reais,
  status: z.enum(keysOf(REFUND_STATUS)),
});

const orderSchema = z.object({
  id: z.string().min(1),
  type: z.string().optional(),
  status: z.enum(keysOf(ORDER_STATUS)),
  status_detail: z.string().optional(),
  external_reference: z.string().optional(),
  total_amount: reais,
  created_date: z.iso.datetime({ offset: true }).optional(),
  last_updated_date: z.iso.datetime({ offset: true }).optional(),
  type_response: z.object({ qr_data: z.string().optional() }).optional(),
  config: z.object({ qr: z.object({ mode: z.string().optional() }).optional() }).optional(),
  transactions: z
    .object({ payments: z.array(paymentSchema).optional(), refunds: z.array(refundSchema).optional() })
    .optional(),
});

export type MercadopagoOrder = z.infer<typeof orderSchema>;
export type MercadopagoPayment = z.infer<typeof paymentSchema>;
export type MercadopagoRefund = z.infer<typeof refundSchema>;

/** A notification body: only `type` and `data.id` matter, the order itself is read back. */
const notificationSchema = z.object({ type: z.string().optional(), data: z.object({ id: z.string().min(1) }) });

const REFUND_PREFIX = 'rfd_';

/**
 * The till's point of sale at Mercado Pago (`config.qr.external_pos_id`): the till id without what is not
 * a letter or a digit (`till_01J…` → `till01J…`). A till with a printed QR gets its POS made by the adapter
 * (`POST /pos` with that `external_id`) the first time it is asked for; a dynamic till's POS is the merchant's.
 */
export function externalPosIdOf(tillId: string): string {
  const id = tillId.replace(/[^A-Za-z0-9]/g, '');
  if (id.length === 0 || id.length > 40) throw new ProviderRejected(`till ${tillId} has no usable Mercado Pago POS id`);
  return id;
}

/**
 * The store at Mercado Pago a till's POS is made under (`external_store_id`): the store id without what is not
 * a letter or a digit (`sto_01J…` → `sto01J…`), ≤ 60 characters as the Stores API wants.
 */
export function externalStoreIdOf(storeId: string): string {
  const id = storeId.replace(/[^A-Za-z0-9]/g, '');
  if (id.length === 0 || id.length > 60)
    throw new ProviderRejected(`store ${storeId} has no usable Mercado Pago store id`);
  return id;
}

/** An ISO-8601 duration (`PT15M`, `PT1H0M30S`), no shorter than the API's 30 seconds. */
export function expirationTimeOf(seconds: number): string {
  const s = Math.max(30, Math.ceil(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${r ? `${r}S` : ''}`;
}

/**
 * The QR order. `config.qr.mode` is the till's: `dynamic` (our own code from `qr_data`), `static` (the POS's
 * printed QR charges it, no `qr_data`) or `hybrid` (both). The API's default is `static`, so it is always sent.
 */
export function orderRequest(order: ChargeRequest): Record<string, unknown> {
  const amount = reaisFromCentavos(order.amount);
  return {
    type: 'qr',
    total_amount: amount,
    // ≤ 150 characters and no personal data; ours is the merchant's own description of the sale.
    description: order.description.slice(0, 150),
    // ≤ 64 of letters, digits, `-` and `_`: our order id is `ord_` + 26.
    external_reference: order.orderId,
    expiration_time: expirationTimeOf(order.expiresInSeconds),
    config: { qr: { external_pos_id: externalPosIdOf(order.tillId), mode: order.fixedQr?.mode ?? 'dynamic' } },
    transactions: { payments: [{ amount }] },
  };
}

/**
 * A full refund is an empty body; a partial one names the payment and the amount. Which one depends on the
 * amount alone, so the same refund asked again is the same request (its idempotency key's replay).
 */
export function refundRequest(payment: MercadopagoPayment, amount: number): Record<string, unknown> | undefined {
  if (amount === paidOf(payment)) return undefined;
  return { transactions: [{ id: payment.id, amount: reaisFromCentavos(amount) }] };
}

export const readOrder = (body: unknown): MercadopagoOrder => {
  const parsed = orderSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `Mercado Pago answered an order we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
};

/** What a notification names: the resource id it is signed over, and whether that is an order (not a payment, ...). */
export function notifiedResource(body: unknown): { id: string; isOrder: boolean } {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success)
    throw new ProviderRejected('the notification is not a Mercado Pago `{ type, data: { id } }` body');
  return { id: parsed.data.data.id, isOrder: parsed.data.type === undefined || parsed.data.type === 'order' };
}

/**
 * The charge to hand out: the EMVCo text the till draws as a QR. The QR Orders API gives no deep link. At a
 * till with a printed QR the order is the POS's (`linkedRef`): in static mode the till shows the printed code
 * (the answer has no `qr_data`), in hybrid mode the order's own code, the printed one paying it too.
 */
export function chargeOf(order: MercadopagoOrder, fixed?: FixedQrLink): Charge {
  const mode = order.config?.qr?.mode;
  if (fixed && mode !== undefined && mode !== fixed.mode)
    throw new ProviderUnavailable(`Mercado Pago answered order ${order.id} in ${mode} mode, not ${fixed.mode}`);
  if (fixed?.mode === 'static')
    return { providerRef: order.id, qrCodeText: fixed.qrCodeText, deepLink: null, linkedRef: order.id };
  const qr = order.type_response?.qr_data;
  if (!qr) throw new ProviderRejected('Mercado Pago answered an order without type_response.qr_data');
  return { providerRef: order.id, qrCodeText: qr, deepLink: null, ...(fixed ? { linkedRef: order.id } : {}) };
}

export function chargeStateOf(order: MercadopagoOrder): ChargeState {
  const status = ORDER_STATUS[order.status];
  if (status !== 'paid') return { status };
  return { status, payments: paidPayments(order).map((p) => paymentOf(order, p)) };
}

export function refundStateOf(refund: MercadopagoRefund): RefundState {
  const status = REFUND_STATUS[refund.status];
  if (status === 'failed') return { status, reason: `Mercado Pago refund ${refund.id}: ${refund.status}` };
  return { status };
}

/** The payment a refund is asked of; a payment id we never saw on this order is refused. */
export function paymentNamed(order: MercadopagoOrder, paymentId: string): MercadopagoPayment {
  const payment = paidPayments(order).find((p) => p.id === paymentId);
  if (!payment) throw new ProviderRejected(`Mercado Pago order ${order.id} has no paid transaction ${paymentId}`);
  return payment;
}

/**
 * The refund a refund call created, in its answer: one that carries our id if Mercado Pago echoes it,
 * else the newest on that payment (the API appends; a replay of the same idempotency key answers the same).
 */
export function refundIn(order: MercadopagoOrder, paymentId: string, refundId: string): MercadopagoRefund | undefined {
  const refunds = order.transactions?.refunds ?? [];
  return (
    refunds.find((r) => r.reference_id === refundId) ??
    refunds.filter((r) => r.transaction_id === undefined || r.transaction_id === paymentId).at(-1)
  );
}

/**
 * What an order read back says happened: its payments, and the refunds that reached a final status
 * and carry one of our refund ids (the others are settled by the refund call's own answer).
 */
export function eventsOf(order: MercadopagoOrder): ProviderEvent[] {
  const payments = ORDER_STATUS[order.status] === 'paid' ? paidPayments(order) : [];
  const refunds = (order.transactions?.refunds ?? []).filter(
    (r) => r.reference_id?.startsWith(REFUND_PREFIX) && REFUND_STATUS[r.status] !== 'pending',
  );
  return [
    ...payments.map((p): ProviderEvent => ({ kind: 'payment', providerRef: order.id, payment: paymentOf(order, p) })),
    ...refunds.map(
      (r): ProviderEvent => ({
        kind: 'refund',
        providerRef: order.id,
        refundId: r.reference_id as string,
        state: refundStateOf(r),
      }),
    ),
  ];
}

const paidPayments = (order: MercadopagoOrder): MercadopagoPayment[] =>
  (order.transactions?.payments ?? []).filter((p) => PAYMENT_STATUS[p.status] === 'paid');

const paidOf = (payment: MercadopagoPayment): number => reaisToCentavos(payment.paid_amount ?? payment.amount);

function paymentOf(order: MercadopagoOrder, payment: MercadopagoPayment): ProviderPayment {
  const at = order.last_updated_date ?? order.created_date;
  if (!at) throw new ProviderUnavailable(`Mercado Pago order ${order.id} is paid but carries no date`);
  return { providerPaymentId: payment.id, amount: paidOf(payment), paidAt: new Date(at), payer: {} };
}

/** Reais from an answer: more than two decimals is an answer we cannot read, never a rounded amount. */
function reaisToCentavos(text: string): number {
  try {
    return centavosFromReais(text);
  } catch (err) {
    throw new ProviderUnavailable(`Mercado Pago answered an amount we cannot read: ${(err as Error).message}`);
  }
}
