import { z } from 'zod';
import {
  type Charge,
  type ChargeRequest,
  type ProviderEvent,
  type ProviderPayment,
  ProviderRejected,
  ProviderUnavailable,
  type RefundState,
} from '../types.js';

/** The one place where Ame's shapes, statuses and units meet ours. See README.md for what is confirmed. */

/** Every status Ame documents for orders, payments (its "transactions") and refunds. */
export const AME_STATUSES = [
  'CREATED',
  'AUTHORIZED',
  'SUCCESS',
  'CANCELED',
  'REFUNDED',
  'DENIED',
  'HOLD',
  'ERROR',
] as const;
export type AmeStatus = (typeof AME_STATUSES)[number];

/**
 * What a payment's status means to us. `capture` is Ame's own step: the payer's balance is held and the
 * sale only completes once we capture it, so it is never reported as paid before that.
 */
export type PaymentVerdict = 'pending' | 'capture' | 'paid' | 'void';

/** A payment ("transaction") of an order, by its status. Exhaustive: a new status fails to compile here. */
export const PAYMENT_STATUS: Record<AmeStatus, PaymentVerdict> = {
  CREATED: 'pending',
  // "pré autorizada ... já foi feita a reserva do saldo do cliente ... é necessário executar a captura".
  AUTHORIZED: 'capture',
  // "a ordem foi capturada (confirmada) pelo lojista".
  SUCCESS: 'paid',
  // Captured, then given back in full: it was paid; the refunds say the rest.
  REFUNDED: 'paid',
  // A refund of it is still with the banks (card payments): it was paid.
  HOLD: 'paid',
  // The authorization was cancelled before capture: the payer's balance went back.
  CANCELED: 'void',
  DENIED: 'void',
  // "considere a transação como não autorizada".
  ERROR: 'void',
};

/** A refund, by its status as the refund call or the order read answers it. */
export const REFUND_STATUS: Record<AmeStatus, RefundState['status']> = {
  CREATED: 'pending',
  AUTHORIZED: 'pending',
  // "a solicitação foi aceita porém está em processamento no sistema bancário".
  HOLD: 'pending',
  SUCCESS: 'succeeded',
  REFUNDED: 'succeeded',
  CANCELED: 'failed',
  DENIED: 'failed',
  ERROR: 'failed',
};

/** Ame's amounts are integer centavos (`R$ 19,77` is `1977`); anything else is refused, never rounded. */
const centavos = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const status = z.enum(AME_STATUSES);

const refundSchema = z.object({ id: z.string().min(1), amount: centavos, status, date: z.string().optional() });

/** A payment as Ame answers it: the body of its notification, of a capture, and an entry of an order read. */
const transactionSchema = z.object({
  id: z.string().min(1),
  status,
  amount: centavos,
  amountRefunded: centavos.optional(),
  date: z.iso.datetime({ offset: true }).optional(),
  peer: z.object({ name: z.string().optional(), document: z.string().optional() }).loose().optional(),
  attributes: z.object({ orderId: z.string().optional() }).loose().optional(),
  refunds: z.array(refundSchema).optional(),
});

const orderSchema = z.object({
  id: z.string().min(1),
  amount: centavos,
  status: status.optional(),
  qrCodeLink: z.string().optional(),
  deepLink: z.string().optional(),
  ttl: z.string().optional(),
  transactions: z.array(transactionSchema).optional(),
});

export type AmeTransaction = z.infer<typeof transactionSchema>;
export type AmeOrder = z.infer<typeof orderSchema>;
export type AmeRefund = z.infer<typeof refundSchema>;

export const readOrder = (body: unknown): AmeOrder => readAs(orderSchema, body, 'order');
export const readTransaction = (body: unknown): AmeTransaction => readAs(transactionSchema, body, 'payment');
export const readRefund = (body: unknown): AmeRefund => readAs(refundSchema, body, 'refund');

/** `POST /orders`: one PAYMENT order of the sale's amount, its items, and where Ame reports its changes. */
export function orderRequest(order: ChargeRequest, callbackUrl: string): Record<string, unknown> {
  return {
    title: order.orderRef.slice(0, 100),
    description: order.description.slice(0, 255),
    amount: order.amount,
    type: 'PAYMENT',
    currency: 'BRL',
    attributes: {
      cashbackAmountValue: 0,
      transactionChangedCallbackUrl: callbackUrl,
      paymentOnce: true,
      items: order.items.map((item) => ({
        description: item.title,
        quantity: item.quantity,
        amount: item.unit_amount * item.quantity,
        ...(item.sku ? { sku: item.sku } : {}),
      })),
      customPayload: { tillgateOrderId: order.orderId, storeId: order.storeId, tillId: order.tillId },
    },
  };
}

export const refundRequest = (amount: number): Record<string, unknown> => ({ amount });

/**
 * The order to hand out. Ame answers a link to a QR image (`qrCodeLink`) and a link that opens its app
 * (`deepLink`); the QR a till draws carries the deep link, which is what Ame's own QR encodes (assumed).
 */
export function chargeOf(order: AmeOrder): Charge {
  const link = order.deepLink ?? order.qrCodeLink;
  if (!link) throw new ProviderRejected('Ame answered an order without a QR code link or deep link');
  return { providerRef: order.id, qrCodeText: link, deepLink: order.deepLink ?? null };
}

/** The order's payments by what they mean to us. */
export function paymentsOf(order: AmeOrder, verdict: PaymentVerdict): AmeTransaction[] {
  return (order.transactions ?? []).filter((t) => PAYMENT_STATUS[t.status] === verdict);
}

/** Whether the order can no longer be paid: cancelled or refused at Ame with no payment standing. */
export function isVoid(order: AmeOrder): boolean {
  if ((order.transactions ?? []).some((t) => PAYMENT_STATUS[t.status] !== 'void')) return false;
  return order.status !== undefined && PAYMENT_STATUS[order.status] === 'void';
}

/** `now` dates a payment Ame answers without its date. */
export function paymentOf(t: AmeTransaction, now: Date): ProviderPayment {
  const payer: ProviderPayment['payer'] = {};
  if (t.peer?.name) payer.name = t.peer.name;
  if (t.peer?.document) payer.document_masked = maskDocument(t.peer.document);
  return { providerPaymentId: t.id, amount: t.amount, paidAt: t.date ? new Date(t.date) : now, payer };
}

export function refundStateOf(refund: AmeRefund): RefundState {
  const outcome = REFUND_STATUS[refund.status];
  if (outcome === 'failed') return { status: 'failed', reason: `Ame answered the refund ${refund.status}` };
  return { status: outcome };
}

/** What a captured order says happened: its payments and the refunds of them that reached a final status. */
export function eventsOf(order: AmeOrder, now: Date): ProviderEvent[] {
  return paymentsOf(order, 'paid').flatMap((t): ProviderEvent[] => [
    { kind: 'payment', providerRef: order.id, payment: paymentOf(t, now) },
    ...(t.refunds ?? [])
      .filter((r) => refundStateOf(r).status !== 'pending')
      .map((r): ProviderEvent => ({ kind: 'refund', providerRef: order.id, refundId: r.id, state: refundStateOf(r) })),
  ]);
}

/** Only the order a notification names is read from its body: everything else comes from Ame itself. */
const notificationSchema = z.object({ attributes: z.object({ orderId: z.string().min(1) }).loose() }).loose();

export function notifiedOrderId(body: unknown): string {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) throw new ProviderRejected('the notification is not an Ame transaction with attributes.orderId');
  return parsed.data.attributes.orderId;
}

/** A CPF or CNPJ never leaves the adapter whole: its last two digits, like Ame's own app shows. */
function maskDocument(document: string): string {
  const digits = document.replace(/\D/g, '');
  return digits.length < 4 ? '***' : `***${digits.slice(-2)}`;
}

function readAs<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `Ame answered a ${what} we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
