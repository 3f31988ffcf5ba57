import { type DailyReport, WALLETS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { DAILY_FORMATS } from '../services/reports/daily-files.js';

export const dailyReportQuery = z.strictObject({
  month: z
    .string()
    .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM between 2000 and 2099')
    .meta({ description: "The month, its days in the merchant's time zone", example: '2026-05' }),
  store_id: z.string().max(64).optional(),
  format: z.enum(DAILY_FORMATS).default('json'),
});

const amounts = z.object({ approved: z.int(), gross: z.int(), refunded: z.int(), net: z.int() });
const day = amounts.extend({ orders: z.int(), by_wallet: z.partialRecord(z.enum(WALLETS), amounts) });

export const dailyReportSchema: z.ZodType<DailyReport> = z.object({
  month: z.string(),
  currency: z.literal('BRL'),
  time_zone: z.string(),
  store_id: z.string().nullable(),
  days: z.array(day.extend({ date: z.string().meta({ description: 'YYYY-MM-DD in the merchant time zone' }) })),
  totals: day,
});
