import type { OrderStatus } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { appendEventsCtes, eventFromRow, type StoredEvent } from './events.js';
import { ORDER_COLUMNS, type OrderRecord, orderEventDataSql, orderFromRow } from './orders.js';
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

/**
 * The payment's insert of the order id `rows` give (a VALUES or a SELECT of it and `PAYMENT`), ignored when
 * the provider had already reported it; the order ids it inserted.
 */
const insertOnce = (
  rows: string,
) => `INSERT INTO payments (order_id, provider_payment_id, amount, paid_at, payer, applied, reason)
     ${rows}
     ON CONFLICT (order_id, provider_payment_id) DO NOTHING
     RETURNING order_id`;
const PAYMENT = ':providerPaymentId, :amount, :paidAt, :payer::jsonb, :applied, :reason';
const INSERT_ONCE = insertOnce(`VALUES (:orderId, ${PAYMENT})`);

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

const approvalIfUnchanged = new Statement<
  PaymentValues & {
    seenStatus: OrderStatus;
    status: string;
    paidAmount: number;
    payment: string;
    schedules: boolean;
    reconcileAt: Date | null;
    eventId: string;
    now: Date;
  }
>(
  'approve_if_unchanged',
  `WITH seen AS (
     SELECT id FROM orders WHERE id = :orderId AND status = :seenStatus FOR UPDATE
   ),
   paid AS (${insertOnce(`SELECT id, ${PAYMENT} FROM seen`)}),
   approved AS (
     UPDATE orders SET status = :status, paid_amount = :paidAmount, paid_at = :paidAt, payment = :payment::jsonb,
            reconcile_at = CASE WHEN :schedules::boolean THEN :reconcileAt::timestamptz ELSE reconcile_at END
      WHERE id IN (SELECT order_id FROM paid)
     RETURNING ${ORDER_COLUMNS.join(', ')}
   ),
   drafts AS (
     SELECT a.merchant_id, a.environment, 1 AS ord, :eventId::text AS id, 'order.approved'::text AS type,
            a.id AS order_id, a.store_id, a.till_id, ${orderEventDataSql('a')} AS data, :now::timestamptz AS created_at
       FROM approved a
   ),
   ${appendEventsCtes('drafts')}
   SELECT ${ORDER_COLUMNS.map((c) => `a.${c}`).join(', ')},
          i.seq AS event_seq, i.id AS event_id, i.type AS event_type, i.data AS event_data, i.created_at AS event_created_at
     FROM approved a JOIN inserted i ON true`,
);

/**
 * `recordApprovingPayment` and the `order.approved` event's append for an order whose status is still
 * `seenStatus`, the one its approval was decided on, in one statement and so one implicit transaction: the
 * row is locked only if it has that status still, and the event's snapshot is built from the row as
 * updated. `reconcileAt`, when given, is the next read of the order's charge. Undefined, with nothing
 * written, when the status has moved on or the provider had already reported the payment.
 */
export async function approveIfUnchanged(
  db: Knex,
  p: PaymentRow,
  seenStatus: OrderStatus,
  approval: Approval & { reconcileAt?: Date | null | undefined },
  event: { id: string; now: Date },
): Promise<{ order: OrderRecord; event: StoredEvent } | undefined> {
  const [row] = await approvalIfUnchanged.rows(db, {
    ...paymentValues(p),
    seenStatus,
    status: approval.status,
    paidAmount: approval.paidAmount,
    payment: JSON.stringify(approval.payment),
    schedules: approval.reconcileAt !== undefined,
    reconcileAt: approval.reconcileAt ?? null,
    eventId: event.id,
    now: event.now,
  });
  if (!row) return undefined;
  return {
    order: orderFromRow(row),
    event: eventFromRow({
      ...row,
      seq: row.event_seq,
      id: row.event_id,
      type: row.event_type,
      order_id: row.id,
      data: row.event_data,
      created_at: row.event_created_at,
    }),
  };
}
