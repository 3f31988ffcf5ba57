import type { Knex } from 'knex';
import { ORDER_COLUMNS, type OrderRecord, orderFromRow } from './orders.js';
import { Statement } from './prepared.js';

export interface PaymentRow {
  orderId: string;
  providerPaymentId: string;
  amount: number;
  paidAt: Date;
  payer: Record<string, string>;
  applied: boolean;
  reason: string | null;
}

/** What an approving payment changes on its order besides its payment time, which is the payment's. */
export type Approval = Pick<OrderRecord, 'status' | 'paidAmount' | 'payment'>;

/** The payment's insert, ignored when the provider had already reported it; the order ids it inserted. */
const INSERT_ONCE = `INSERT INTO payments (order_id, provider_payment_id, amount, paid_at, payer, applied, reason)
     VALUES (:orderId, :providerPaymentId, :amount, :paidAt, :payer::jsonb, :applied, :reason)
     ON CONFLICT (order_id, provider_payment_id) DO NOTHING
     RETURNING order_id`;

type PaymentValues = Omit<PaymentRow, 'payer'> & { payer: string };
const paymentValues = (p: PaymentRow): PaymentValues => ({ ...p, payer: JSON.stringify(p.payer) });

const paymentOnce = new Statement<PaymentValues>('record_payment', INSERT_ONCE);

const approvingPayment = new Statement<PaymentValues & { status: string; paidAmount: number; payment: string }>(
  'record_approving_payment',
  `WITH paid AS (${INSERT_ONCE})
   UPDATE orders SET status = :status, paid_amount = :paidAmount, paid_at = :paidAt, payment = :payment::jsonb
    WHERE id IN (SELECT order_id FROM paid)
   RETURNING ${ORDER_COLUMNS.join(', ')}`,
);

/** Records a payment once; false when the provider had already reported it (a repeated notification). */
export async function recordPaymentOnce(trx: Knex.Transaction, p: PaymentRow): Promise<boolean> {
  const rows = await paymentOnce.rows(trx, paymentValues(p));
  return rows.length === 1;
}

/**
 * Records a payment that approves its order and applies `approval` to the order, in one statement (the
 * approval path's round trip saved); answers the order as updated, or undefined when the provider had
 * already reported the payment, and then nothing is written. The order's payment time is the payment's.
 */
export async function recordApprovingPayment(
  trx: Knex.Transaction,
  p: PaymentRow,
  approval: Approval,
): Promise<OrderRecord | undefined> {
  const [row] = await approvingPayment.rows(trx, {
    ...paymentValues(p),
    status: approval.status,
    paidAmount: approval.paidAmount,
    payment: JSON.stringify(approval.payment),
  });
  return row ? orderFromRow(row) : undefined;
}
