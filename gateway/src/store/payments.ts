import type { Knex } from 'knex';
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

/** Records a payment once; false when the provider had already reported it (a repeated notification). */
export async function recordPaymentOnce(trx: Knex.Transaction, p: PaymentRow): Promise<boolean> {
  const rows = await prepared(
    trx('payments')
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
      .ignore()
      .returning('order_id'),
    'record_payment',
  );
  return rows.length === 1;
}
