import type { ReportFormat } from './resources.js';

/** What a subscription emails: the sales file ("Arquivo de vendas") or the daily summary ("Por dia"). */
export const SUBSCRIPTION_REPORTS = ['sales', 'daily'] as const;
export type SubscriptionReport = (typeof SUBSCRIPTION_REPORTS)[number];
/** Daily: yesterday, every day; weekly: Monday to Sunday, on Monday; monthly: the month, on the 1st. */
export const SUBSCRIPTION_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];
/** A recipient outside the merchant's team confirms by email before anything else is sent. */
export const SUBSCRIPTION_STATUSES = ['pending_confirmation', 'active', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A report subscription: a recipient who gets a report by email at 06:00 merchant time on each sending day. */
export interface ReportSubscription {
  id: string;
  email: string;
  report: SubscriptionReport;
  /** The daily summary comes as `xlsx` or `csv`; the sales file also as `csv-br`. */
  format: ReportFormat;
  /** One store, or null for every store. */
  store_id: string | null;
  frequency: SubscriptionFrequency;
  status: SubscriptionStatus;
  created_by: string;
  confirmed_at: string | null;
  last_sent_at: string | null;
  /** When the next report goes out (null unless active). */
  next_send_at: string | null;
  /** Why the last sending failed, while it is retried; null once one goes out. */
  last_error: string | null;
  /** When a failed sending is tried again. */
  next_attempt_at: string | null;
  created_at: string;
}
