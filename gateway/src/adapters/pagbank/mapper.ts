import { z } from 'zod';
import type { Charge, ChargeRequest, ChargeState, ProviderEvent, ProviderPayment, RefundState } from '../types.js';
import { ProviderRejected, ProviderUnavailable } from '../types.js';

/** The one place where PagBank's Orders API shapes, statuses and amounts meet ours. */

/** Every status a PagBank charge can have (Orders API, "Objeto Charge"). */
export const PAGBANK_CHARGE_STATUSES = [
  'WAITING',
  'IN_ANALYSIS',
  'AUTHORIZED',
  'PAID',
  'DECLINED',
  'CANCELED',
] as const;
export type PagBankChargeStatus = (typeof PAGBANK_CHARGE_STATUSES)[number];

/**
 * What each status means for our order. A QR order has no charge until someone pays it; a charge
 * then counts as a payment only once its money is ours:
 * - `pending`: the payer's attempt is still going (`WAITING`, `IN_ANALYSIS` while PagBank assesses a card,
 *   `AUTHORIZED` while a card is held and not yet captured — PagBank captures QR payments itself);
 * - `paid`: the money arrived (`PAID`, also after partial cancellations, which only move `amount.summary.refunded`);
 * - `refunded`: it arrived and was all given back (`CANCELED` with `amount.summary.paid` > 0): the payment still
 *   stands, its refunds are ours to track; a `CANCELED` charge with nothing paid (a card hold voided) is no payment;
 * - `declined`: the attempt failed (`DECLINED`); nothing moved and the QR stays payable until it expires.
 */
export type PagBankChargeMeaning = 'pending' | 'paid' | 'refunded' | 'declined';

export const CHARGE_STATUS_MEANING: Readonly<Record<PagBankChargeStatus, PagBankChargeMeaning>> = {
  WAITING: 'pending',
  IN_ANALYSIS: 'pending',
  AUTHORIZED: 'pending',
  PAID: 'paid',
  CANCELED: 'refunded',
  DECLINED: 'declined',
};

/** PagBank amounts are integer centavos; a fraction would be a provider we do not understand. */
const centavos = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const linkSchema = z.object({ rel: z.string(), href: z.string(), media: z.string().optional() }).loose();

const chargeSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(PAGBANK_CHARGE_STATUSES),
    created_at: z.iso.datetime({ offset: true }).optional(),
    paid_at: z.iso.datetime({ offset: true }).optional(),
    amount: z
      .object({
        value: centavos,
        summary: z.object({ total: centavos, paid: centavos, refunded: centavos }).partial().optional(),
      })
      .loose(),
    payment_response: z.object({ code: z.string().optional(), message: z.string().optional() }).loose().optional(),
  })
  .loose();

const qrCodeSchema = z
  .object({
    id: z.string(),
    text: z.string().optional(),
    expiration_date: z.string().optional(),
    amount: z.object({ value: centavos }).loose(),
    arrangements: z.array(z.string()).optional(),
    links: z.array(linkSchema).optional(),
  })
  .loose();

const orderSchema = z
  .object({
    id: z.string().regex(/^ORDE_/),
    reference_id: z.string().optional(),
    qr_codes: z.array(qrCodeSchema).optional(),
    charges: z.array(chargeSchema).optional(),
  })
  .loose();

export type PagBankOrder = z.infer<typeof orderSchema>;
export type PagBankCharge = z.infer<typeof chargeSchema>;

export const readOrder = (body: unknown): PagBankOrder => readAs(orderSchema, body, 'order');
export const readCharge = (body: unknown): PagBankCharge => readAs(chargeSchema, body, 'charge');

/** `POST /orders` for a QR the PagBank app pays (`arrangements: ["PAGBANK"]`), expiring with our order. */
export function orderRequest(order: ChargeRequest): Record<string, unknown> {
  const items =
    order.items.length > 0
      ? order.items.map((i) => ({
          ...(i.sku ? { reference_id: i.sku.slice(0, 64) } : {}),
          name: i.title.slice(0, 64),
          quantity: i.quantity,
          unit_amount: i.unit_amount,
        }))
      : [{ name: (order.description || order.orderRef).slice(0, 64), quantity: 1, unit_amount: order.amount }];
  return {
    reference_id: order.orderId,
    items,
    qr_codes: [
      {
        amount: { value: order.amount },
        expiration_date: expirationDateOf(order.expiresAt),
        arrangements: ['PAGBANK'],
      },
    ],
    notification_urls: [order.notificationUrl],
  };
}

/** Cancelling a charge is how PagBank gives money back: all of it, or `amount.value` of it. */
export const refundRequest = (amount: number): Record<string, unknown> => ({ amount: { value: amount } });

/**
 * An instant as PagBank writes `expiration_date`: ISO 8601 in Brasília time, as its examples
 * (`2023-05-11T23:59:59.000-03:00`); Brazil has kept −03:00 all year since 2019.
 */
export function expirationDateOf(at: Date): string {
  return `${new Date(at.getTime() - 3 * 3_600_000).toISOString().slice(0, -1)}-03:00`;
}

/**
 * The QR to hand out: the order's one QR code (PagBank makes one per order), with its text, for the amount
 * asked. A QR for another amount (a stale idempotent answer, a provider bug) is never shown to a payer.
 */
export function chargeOf(order: PagBankOrder, amount: number): Charge {
  const qr = order.qr_codes?.[0];
  if (!qr?.text) throw new ProviderRejected(`PagBank answered order ${order.id} without a QR code text`);
  if (qr.amount.value !== amount)
    throw new ProviderRejected(`PagBank answered order ${order.id} with a QR for ${qr.amount.value}, not ${amount}`);
  return { providerRef: order.id, qrCodeText: qr.text, deepLink: null };
}

/** The order as we see it: paid once any charge brought money; PagBank never cancels an unpaid QR order, it lets it expire. */
export function chargeStateOf(order: PagBankOrder): ChargeState {
  const payments = paymentsOf(order);
  return payments.length > 0 ? { status: 'paid', payments } : { status: 'pending' };
}

export function paymentsOf(order: PagBankOrder): ProviderPayment[] {
  return (order.charges ?? []).flatMap((c) => {
    const payment = paymentOf(c);
    return payment ? [payment] : [];
  });
}

/** What a notified order, read back from PagBank, says happened: its payments. Refunds are settled by their call. */
export function eventsOf(order: PagBankOrder): ProviderEvent[] {
  return paymentsOf(order).map((payment): ProviderEvent => ({ kind: 'payment', providerRef: order.id, payment }));
}

/** PagBank's answer to a cancellation: the charge, now `PAID` with more refunded, or `CANCELED` when all went back. */
export function refundStateOf(charge: PagBankCharge): RefundState {
  const meaning = CHARGE_STATUS_MEANING[charge.status];
  if (meaning === 'paid' || meaning === 'refunded') return { status: 'succeeded' };
  return { status: 'failed', reason: `PagBank answered the cancellation with a charge ${charge.status}` };
}

function paymentOf(charge: PagBankCharge): ProviderPayment | undefined {
  const meaning = CHARGE_STATUS_MEANING[charge.status];
  if (meaning !== 'paid' && meaning !== 'refunded') return undefined;
  const paid = charge.amount.summary?.paid ?? (meaning === 'paid' ? charge.amount.value : 0);
  if (paid <= 0) return undefined;
  const at = charge.paid_at ?? charge.created_at;
  if (!at) throw new ProviderUnavailable(`PagBank answered paid charge ${charge.id} without paid_at`);
  return { providerPaymentId: charge.id, amount: paid, paidAt: new Date(at), payer: {} };
}

function readAs<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `PagBank answered a ${what} we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
