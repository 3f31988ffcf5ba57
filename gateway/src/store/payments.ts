import type { Knex } from 'knex';
import { ORDER_COLUMNS, type OrderRecord, orderFromRow, rowFromOrder } from './orders.js';
import { prepared } from './prepared.js';

export interface PaymentRow {
  orderId: string;
  providerPaymentId: string;
  amount: number;
  paidAt: Date;
  payer: Record<string, string>;
  applied: boolean;
  reason: string | null;
}

/** What an approving payment changes on its order. */
export type Approval = Pick<OrderRecord, 'status' | 'paidAmount' | 'paidAt' | 'payment'>;

/** Records a payment once; false when the provider had already reported it (a repeated notification). */
export async function recordPaymentOnce(trx: Knex.Transaction, p: PaymentRow): Promise<boolean> {
  const rows = await prepared(insertOnce(trx, p).returning('order_id'), 'record_payment');
  return rows.length === 1;
}

/**
 * Records a payment that approves its order and applies `approval` to the order, in one statement (the
 * approval path's round trip saved); answers the order as updated, or undefined when the provider had
 * already reported the payment, and then nothing is written.
 */
export async function recordApprovingPayment(
  trx: Knex.Transaction,
  p: PaymentRow,
  approval: Approval,
): Promise<OrderRecord | undefined> {
  const [row] = await prepared(
    trx('orders')
      .with('paid', insertOnce(trx, p).returning('order_id'))
      .whereIn('id', trx.select('order_id').from('paid'))
      .update(rowFromOrder(approval))
      .returning(ORDER_COLUMNS),
    'record_approving_payment',
  );
  return row ? orderFromRow(row) : undefined;
}

function insertOnce(trx: Knex.Transaction, p: PaymentRow): Knex.QueryBuilder {
  return trx('payments')
    .insert({
      order_id: p.orderId,
      provider_payment_id: p.providerPaymentId,
      amount: p.amount,
      paid_at: p.paidAt,
      payer: JSON.stringify(p.payer),
      applied: p.applied,
      reason: p.reason,
    })
    .onConflict(['order_id', 'provider_payment_id'])
    .ignore();
}
