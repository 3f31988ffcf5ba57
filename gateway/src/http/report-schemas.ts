import { ORDER_STATUSES, REPORT_FORMATS, REPORT_KINDS, REPORT_STATUSES, WALLETS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.js';
import { timestamp } from './schemas.js';

/** Schemas of the sales file ("Arquivo de vendas") endpoints. */

const day = z.iso.date().meta({ description: "A day (YYYY-MM-DD) in the merchant's time zone" });
const amount = z.int().min(0).max(MAX_AMOUNT);
const queryAmount = z.coerce.number().pipe(amount);

const filterFields = {
  from: day,
  to: day.meta({ description: 'Included; at most 31 days after `from` counting both, not in the future' }),
  store_id: z.string().max(64).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  wallet: z.enum(WALLETS).optional(),
  till_id: z.string().max(64).optional(),
};

export const createReportBody = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  ...filterFields,
  amount_min: amount.optional(),
  amount_max: amount.optional(),
});

export const salesCsvQuery = z.strictObject({
  ...filterFields,
  format: z.enum(['csv', 'csv-br']).default('csv'),
  amount_min: queryAmount.optional(),
  amount_max: queryAmount.optional(),
});

export const listReportsQuery = z.strictObject({
  limit: z.coerce.number().pipe(z.int().min(1).max(100)).default(20),
  cursor: z.string().max(200).optional(),
});

const nullableString = z.string().nullable();
export const reportSchema = z.object({
  id: z.string(),
  kind: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  status: z.enum(REPORT_STATUSES),
  filters: z.object({
    from: z.string(),
    to: z.string(),
    store_id: nullableString,
    status: z.enum(ORDER_STATUSES).nullable(),
    wallet: z.enum(WALLETS).nullable(),
    till_id: nullableString,
    amount_min: z.int().nullable(),
    amount_max: z.int().nullable(),
  }),
  filename: z.string(),
  rows_done: z.int(),
  rows_total: z.int().nullable(),
  failure_reason: nullableString,
  size_bytes: z.int().nullable(),
  created_at: timestamp,
  completed_at: timestamp.nullable(),
  expires_at: timestamp,
});
