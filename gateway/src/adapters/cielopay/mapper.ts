import { z } from 'zod';
import { checkOrderBRCode } from '../br-code.js';
import type { Charge, ChargeRequest, ChargeState, ProviderEvent, ProviderPayment, RefundState } from '../types.js';
import { ProviderRejected, ProviderUnavailable } from '../types.js';

/** The one place where the Cielo E-commerce API's shapes, status codes and amounts meet ours. */

/**
 * Every `Payment.Status` the API documents ("Lista de status transacionais", and its Pix list), each to
 * exactly one state of ours. A refunded sale was paid: its refunds are ours to track, not a cancellation.
 */
export const CIELO_STATUSES = {
  0: { name: 'NotFinished', ours: 'cancelled' },
  1: { name: 'Authorized', ours: 'pending' },
  2: { name: 'PaymentConfirmed', ours: 'paid' },
  3: { name: 'Denied', ours: 'cancelled' },
  10: { name: 'Voided', ours: 'cancelled' },
  11: { name: 'Refunded', ours: 'paid' },
  12: { name: 'Pending', ours: 'pending' },
  13: { name: 'Aborted', ours: 'cancelled' },
  20: { name: 'Scheduled', ours: 'pending' },
} as const satisfies Record<number, { name: string; ours: ChargeState['status'] }>;

export type CieloStatus = keyof typeof CIELO_STATUSES;
const STATUS_CODES = Object.keys(CIELO_STATUSES).map(Number) as CieloStatus[];

/**
 * `ReasonCode`s of a void (`PUT /1/sales/{id}/void?amount=`) that mean Cielo took the refund: done at once
 * (0 Successful) or queued (8 Scheduled, 9 Waiting; a Pix devolução is not instant).
 */
const REFUND_TAKEN = new Set([0, 8, 9]);
/** `ReasonCode`s that say nothing final: Cielo could not reach its side, the same void may be sent again. */
const REFUND_RETRYABLE = new Set([4, 18, 22, 99]);

/** Centavos as the API writes them: a JSON integer. A decimal, a sign or a float is refused, never rounded. */
export const centavos = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const status = z
  .number()
  .int()
  .refine((s): s is CieloStatus => STATUS_CODES.includes(s as CieloStatus), 'is not a documented Cielo status');

const paymentSchema = z.object({
  PaymentId: z.string().min(1),
  Type: z.string(),
  Amount: centavos,
  /** What was taken, where the API reports it apart from what was asked (assumed for Pix; see README). */
  CapturedAmount: centavos.optional(),
  Status: status,
  QrCodeString: z.string().optional(),
  EndToEndId: z.string().optional(),
  ReceivedDate: z.string().optional(),
  CapturedDate: z.string().optional(),
  ReturnCode: z.union([z.string(), z.number()]).optional(),
  ReturnMessage: z.string().optional(),
});

const saleSchema = z.object({
  MerchantOrderId: z.string(),
  Payment: paymentSchema,
});

const voidSchema = z.object({
  Status: status,
  ReasonCode: z.number().int(),
  ReasonMessage: z.string().optional(),
  ReturnMessage: z.string().optional(),
  ProviderReturnMessage: z.string().optional(),
});

/** The Notification Post, read loosely: only `PaymentId` matters, the sale is then read back. */
const notificationSchema = z.object({
  PaymentId: z.string().min(1),
  ChangeType: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  RecurrentPaymentId: z.string().optional(),
});

export type Sale = z.infer<typeof saleSchema>;
export type VoidAnswer = z.infer<typeof voidSchema>;
export type Notification = z.infer<typeof notificationSchema>;

/** `ChangeType` 1: a payment's status changed (paid, voided, refunded); the only one that moves an order. */
export const STATUS_CHANGED = 1;

/**
 * `MerchantOrderId` takes 25 letters and digits at most; our order ids are `ord_` + a 26-character ULID
 * whose first character stays `0` until the year 10889, so its last 25 are unique and name the order.
 */
export function merchantOrderIdOf(orderId: string): string {
  return orderId
    .slice(orderId.indexOf('_') + 1)
    .replace(/[^0-9A-Za-z]/g, '')
    .slice(-25);
}

/** `POST /1/sales/`: a Pix QR sale (see README for why Pix and not `qrcode`). */
export function saleRequest(order: ChargeRequest, pixProvider: string): Record<string, unknown> {
  if (!Number.isSafeInteger(order.amount) || order.amount <= 0)
    throw new ProviderRejected(`${order.amount} is not an amount Cielo takes (integer centavos above zero)`);
  return {
    MerchantOrderId: merchantOrderIdOf(order.orderId),
    Payment: {
      Type: 'Pix',
      Provider: pixProvider,
      Amount: order.amount,
      QrCode: { Expiration: order.expiresInSeconds },
    },
  };
}

/** The `amount` of a void, in centavos as the API wants it in the query string. */
export function voidQuery(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`${amount} is not a refundable amount`);
  return `amount=${amount}`;
}

export const readSale = (body: unknown): Sale => readAs(saleSchema, body, 'sale');
export const readVoid = (body: unknown): VoidAnswer => readAs(voidSchema, body, 'void answer');

export function readNotificationBody(raw: Buffer): Notification {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ProviderRejected('the notification body is not JSON');
  }
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) throw new ProviderRejected('the notification is not a Cielo `{ PaymentId, ChangeType }` body');
  return parsed.data;
}

/** A fresh sale as the till shows it: pending, with a Pix copia-e-cola that parses and pays this order's amount. */
export function chargeOf(sale: Sale, amount: number): Charge {
  const { Payment: p } = sale;
  if (p.Status !== 12)
    throw new ProviderRejected(
      `Cielo answered the sale as ${CIELO_STATUSES[p.Status].name} (${p.Status}): ${p.ReturnMessage ?? 'no message'}`,
    );
  if (!p.QrCodeString) throw new ProviderRejected('Cielo answered a Pix sale without a QrCodeString');
  checkOrderBRCode(p.QrCodeString, { provider: 'Cielo', amount });
  return { providerRef: p.PaymentId, qrCodeText: p.QrCodeString, deepLink: null };
}

export function chargeStateOf(sale: Sale): ChargeState {
  const ours = CIELO_STATUSES[sale.Payment.Status].ours;
  if (ours === 'paid') return { status: 'paid', payments: [paymentOf(sale)] };
  return { status: ours };
}

/** What a sale read back says happened: its payment, once it has one. Refunds carry no id of ours (README). */
export function eventsOf(sale: Sale): ProviderEvent[] {
  const state = chargeStateOf(sale);
  if (state.status !== 'paid') return [];
  return state.payments.map((payment) => ({ kind: 'payment', providerRef: sale.Payment.PaymentId, payment }));
}

/**
 * A void's answer: taken (refunded or queued, which Cielo then completes on its own), refused for good
 * (with Cielo's reason), or not known yet (thrown, so the refund is tried again).
 */
export function refundStateOf(answer: VoidAnswer): RefundState {
  if (REFUND_TAKEN.has(answer.ReasonCode)) return { status: 'succeeded' };
  const reason = answer.ReasonMessage ?? answer.ReturnMessage ?? answer.ProviderReturnMessage ?? 'refused';
  if (REFUND_RETRYABLE.has(answer.ReasonCode))
    throw new ProviderUnavailable(`Cielo could not take the refund now: ${answer.ReasonCode} ${reason}`);
  return { status: 'failed', reason: `${answer.ReasonCode} ${reason}` };
}

function paymentOf(sale: Sale): ProviderPayment {
  const p = sale.Payment;
  return {
    providerPaymentId: p.EndToEndId ?? p.PaymentId,
    amount: p.CapturedAmount ?? p.Amount,
    paidAt: cieloDate(p.CapturedDate ?? p.ReceivedDate),
    payer: {},
  };
}

const CIELO_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/**
 * The API writes dates as `2024-12-02 11:15:39`, without a zone: Brasília time, which has kept UTC−3
 * since 2019. A date it does not write is refused rather than guessed.
 */
export function cieloDate(text: string | undefined): Date {
  const m = text === undefined ? null : CIELO_DATE.exec(text);
  if (!m) throw new ProviderUnavailable(`Cielo answered a date we cannot read: ${String(text)}`);
  return new Date(`${m[1]}T${m[2]}${m[3] ?? ''}-03:00`);
}

function readAs<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `Cielo answered a ${what} we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
