import {
  REPORT_FORMATS,
  SUBSCRIPTION_FREQUENCIES,
  SUBSCRIPTION_REPORTS,
  SUBSCRIPTION_STATUSES,
} from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { timestamp } from './schemas.js';

/** Schemas of the report subscription endpoints. */

const fields = {
  email: z.email().max(254).meta({ description: 'The recipient; outside the team, they confirm by email first' }),
  report: z.enum(SUBSCRIPTION_REPORTS),
  format: z.enum(REPORT_FORMATS).meta({ description: 'The daily summary comes as `xlsx` or `csv`' }),
  store_id: z
    .string()
    .max(64)
    .nullable()
    .meta({ description: 'One store, or null for every store (not for a user limited to some stores)' }),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES).meta({
    description: 'daily: yesterday, every day; weekly: last week, on Monday; monthly: last month, on the 1st',
  }),
};

export const createSubscriptionBody = z.strictObject({ ...fields, store_id: fields.store_id.optional() });

export const patchSubscriptionBody = z.strictObject({
  email: fields.email.optional(),
  report: fields.report.optional(),
  format: fields.format.optional(),
  store_id: fields.store_id.optional(),
  frequency: fields.frequency.optional(),
});

export const listSubscriptionsQuery = z.strictObject({
  limit: z.coerce.number().pipe(z.int().min(1).max(100)).default(20),
  cursor: z.string().max(200).optional(),
});

/** A signed link's token: `<subscription id>.<signature>`. */
export const recipientLinkQuery = z.strictObject({ token: z.string().min(1).max(200) });

export const subscriptionSchema = z.object({
  id: z.string(),
  email: z.string(),
  report: z.enum(SUBSCRIPTION_REPORTS),
  format: z.enum(REPORT_FORMATS),
  store_id: z.string().nullable(),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  status: z.enum(SUBSCRIPTION_STATUSES),
  created_by: z.string(),
  confirmed_at: timestamp.nullable(),
  last_sent_at: timestamp.nullable(),
  next_send_at: timestamp.nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: timestamp.nullable(),
  created_at: timestamp,
});
