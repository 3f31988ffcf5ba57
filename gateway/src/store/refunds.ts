import type { Environment, RefundInitiator, RefundNature, RefundStatus } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { centavosFrom } from '../domain/money.js';
import { claimDueRows } from './due-work.js';

type Db = Knex | Knex.Transaction;

export interface RefundRecord {
  id: string;
  orderId: string;
  merchantId: string;
  environment: Environment;
  providerPaymentId: string;
  amount: number;
  reason: string | null;
  automatic: boolean;
  initiatedBy: RefundInitiator;
  natureza: RefundNature | null;
  /** The provider's id of a refund the gateway did not ask for; null for the gateway's own. */
  providerRefundId: string | null;
  status: RefundStatus;
  failureReason: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  settledAt: Date | null;
}

const fromRow = (r: Record<string, unknown>): RefundRecord => ({
  id: r.id as string,
  orderId: r.order_id as string,
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  providerPaymentId: r.provider_payment_id as string,
  amount: centavosFrom(r.amount as string),
  reason: (r.reason as string | null) ?? null,
  automatic: r.automatic as boolean,
  initiatedBy: r.initiated_by as RefundInitiator,
  natureza: (r.natureza as RefundNature | null) ?? null,
  providerRefundId: (r.provider_refund_id as string | null) ?? null,
  status: r.status as RefundStatus,
  failureReason: (r.failure_reason as string | null) ?? null,
  attempts: Number(r.attempts),
  nextAttemptAt: (r.next_attempt_at as Date | null) ?? null,
  createdAt: r.created_at as Date,
  settledAt: (r.settled_at as Date | null) ?? null,
});

export async function insertRefund(trx: Knex.Transaction, r: RefundRecord): Promise<void> {
  await trx('refunds').insert({
    id: r.id,
    order_id: r.orderId,
    merchant_id: r.merchantId,
    environment: r.environment,
    provider_payment_id: r.providerPaymentId,
    amount: r.amount,
    reason: r.reason,
    automatic: r.automatic,
    initiated_by: r.initiatedBy,
    natureza: r.natureza,
    provider_refund_id: r.providerRefundId,
    status: r.status,
    failure_reason: r.failureReason,
    attempts: r.attempts,
    next_attempt_at: r.nextAttemptAt,
    created_at: r.createdAt,
    settled_at: r.settledAt,
  });
}

export async function findRefund(db: Db, id: string): Promise<RefundRecord | undefined> {
  const row = await db('refunds').where({ id }).first();
  return row ? fromRow(row) : undefined;
}

/** A refund the gateway did not ask for, by the provider's id of it and the payment it returned money of. */
export async function findRefundByProviderId(
  db: Db,
  providerPaymentId: string,
  providerRefundId: string,
): Promise<RefundRecord | undefined> {
  const row = await db('refunds')
    .where({ provider_payment_id: providerPaymentId, provider_refund_id: providerRefundId })
    .first();
  return row ? fromRow(row) : undefined;
}

export async function lockRefund(trx: Knex.Transaction, id: string): Promise<RefundRecord | undefined> {
  const row = await trx('refunds').where({ id }).forUpdate().first();
  return row ? fromRow(row) : undefined;
}

export async function listRefunds(db: Db, orderId: string): Promise<RefundRecord[]> {
  const rows = await db('refunds')
    .where({ order_id: orderId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(fromRow);
}

export async function settleRefundRow(
  trx: Knex.Transaction,
  id: string,
  outcome: { status: 'succeeded' | 'failed'; failureReason: string | null; settledAt: Date },
): Promise<RefundRecord> {
  const [row] = await trx('refunds')
    .where({ id })
    .update({
      status: outcome.status,
      failure_reason: outcome.failureReason,
      settled_at: outcome.settledAt,
      next_attempt_at: null,
    })
    .returning('*');
  return fromRow(row);
}

export async function scheduleRetry(db: Db, id: string, at: Date): Promise<void> {
  await db('refunds').where({ id, status: 'pending' }).update({ next_attempt_at: at }).increment('attempts', 1);
}

/** Claims pending refunds whose next attempt is due; see `claimDueRows`. */
export async function claimDueRefunds(
  trx: Knex.Transaction,
  now: Date,
  lease: Date,
  limit: number,
): Promise<RefundRecord[]> {
  return (await claimDueRows(trx, 'refunds', now, lease, limit)).map(fromRow);
}
