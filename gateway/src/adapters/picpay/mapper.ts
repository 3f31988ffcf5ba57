import { z } from 'zod';
import { centavosFromReais, reaisFromCentavos } from '../money.js';
import {
  type Charge,
  type ChargeRequest,
  type ChargeState,
  type ProviderEvent,
  ProviderRejected,
  ProviderUnavailable,
} from '../types.js';

/** The one place where PicPay's e-commerce shapes, statuses and decimal reais meet ours. */

/** Every status PicPay's status endpoint answers (API 3.0 and the legacy one). */
export const PICPAY_STATUSES = [
  'created',
  'expired',
  'analysis',
  'authorized',
  'paid',
  'completed',
  'refunded',
  'chargeback',
] as const;
export type PicPayStatus = (typeof PICPAY_STATUSES)[number];

/**
 * Each PicPay status as exactly one of ours. A refunded or charged-back order was paid: its refunds are
 * ours to track, and a chargeback is a dispute outside the order. `analysis` (paid, under anti-fraud
 * review) and `authorized` (held, awaiting a capture we never ask for) are not money yet.
 */
export const STATUS_TABLE: Readonly<Record<PicPayStatus, ChargeState['status']>> = {
  created: 'pending',
  analysis: 'pending',
  authorized: 'pending',
  paid: 'paid',
  completed: 'paid',
  refunded: 'paid',
  chargeback: 'paid',
  expired: 'cancelled',
};

/** Reais as PicPay writes them: JSON numbers (`20.51`), read exactly or refused. */
const reais = z.number().transform((value, ctx) => {
  try {
    return centavosFromReais(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const summarySchema = z.object({
  authorized: reais.optional(),
  paid: reais.optional(),
  refunded: reais.optional(),
});

const paymentAnswerSchema = z.object({
  referenceId: z.string(),
  paymentUrl: z.string().min(1),
  expiresAt: z.string().optional(),
  qrcode: z.object({ content: z.string().min(1), base64: z.string().optional() }),
});

const statusAnswerSchema = z.object({
  referenceId: z.string(),
  status: z.enum(PICPAY_STATUSES),
  authorizationId: z.string().min(1).optional(),
  summary: summarySchema.optional(),
});

const refundAnswerSchema = z.object({
  id: z.string(),
  referenceId: z.string(),
  summary: summarySchema.optional(),
});

/** A callback names an order (and its authorization once paid); it carries no status: the order is read back. */
const callbackSchema = z.object({ referenceId: z.string().min(1), authorizationId: z.string().optional() }).loose();

export type StatusAnswer = z.infer<typeof statusAnswerSchema>;

/** PicPay's JSON number for an amount: the shortest text of `10.5` is exact, so `Number("10.50")` is safe. */
export const reaisNumber = (centavos: number): number => Number(reaisFromCentavos(centavos));

/**
 * `POST /payments`: our order id is the `referenceId` (unique at PicPay, so the order and its charge
 * name each other). At a till the payer is unknown, so `buyer` is the account's configured document and
 * PicPay is told not to push or mail that buyer.
 */
export function paymentRequest(order: ChargeRequest, buyerDocument: string): Record<string, unknown> {
  return {
    referenceId: order.orderId,
    callbackUrl: order.notificationUrl,
    expiresAt: order.expiresAt.toISOString(),
    value: reaisNumber(order.amount),
    purchaseMode: 'in-store',
    softDescriptor: order.description.slice(0, 22),
    buyer: { document: buyerDocument },
    notification: { disablePush: true, disableEmail: true },
  };
}

/** `POST /payments/{referenceId}/refunds`: `amount` below what remains is a partial refund. */
export const refundRequest = (authorizationId: string, amount: number): Record<string, unknown> => ({
  authorizationId,
  amount: reaisNumber(amount),
});

export function chargeOf(body: unknown): Charge {
  const answer = readAs(paymentAnswerSchema, body, 'payment');
  // The QR's content is the checkout link; opened on a phone the same link opens the PicPay app.
  return { providerRef: answer.referenceId, qrCodeText: answer.qrcode.content, deepLink: answer.paymentUrl };
}

export const readStatus = (body: unknown): StatusAnswer => readAs(statusAnswerSchema, body, 'payment status');
export const readRefund = (body: unknown) => readAs(refundAnswerSchema, body, 'refund');

/**
 * What the order at PicPay says, in our terms. PicPay reports no payment time, so a payment is dated
 * `now`, when we learn of it; its id is the `authorizationId`, which refunds name.
 */
export function chargeStateOf(answer: StatusAnswer, now: Date): ChargeState {
  const status = STATUS_TABLE[answer.status];
  if (status !== 'paid') return { status };
  const paid = answer.summary?.paid;
  if (answer.authorizationId === undefined || paid === undefined)
    throw new ProviderUnavailable(
      `PicPay answered a ${answer.status} order without its authorizationId or summary.paid: the payment cannot be read`,
    );
  return { status, payments: [{ providerPaymentId: answer.authorizationId, amount: paid, paidAt: now, payer: {} }] };
}

/** What the order says happened, as events: its payment, if it was paid. Refunds are settled by their answer. */
export function eventsOf(answer: StatusAnswer, now: Date): ProviderEvent[] {
  const state = chargeStateOf(answer, now);
  if (state.status !== 'paid') return [];
  return state.payments.map((payment) => ({ kind: 'payment', providerRef: answer.referenceId, payment }));
}

/** How much PicPay says it has given back on this order, in centavos. */
export const refundedOf = (answer: StatusAnswer): number => answer.summary?.refunded ?? 0;

/** The order a callback's raw body names. */
export function notifiedReference(rawBody: Buffer): string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new ProviderRejected('the notification body is not JSON');
  }
  const parsed = callbackSchema.safeParse(body);
  if (!parsed.success) throw new ProviderRejected('the notification is not a PicPay `{ referenceId }` callback');
  return parsed.data.referenceId;
}

function readAs<T>(schema: z.ZodType<T, unknown>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `PicPay answered a ${what} we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
