import type { OrderStatus, Wallet } from './resources.js';

/** `GET /v1/orders/summary`: the totals of the orders a list's filters select, in integer centavos. */
export interface OrderSummary {
  count: number;
  amount: number;
  /** What was paid on the matching orders (approved, partially refunded and refunded alike). */
  paid_amount: number;
  refunded_amount: number;
  /** `paid_amount − refunded_amount`. */
  net_amount: number;
  by_status: Partial<Record<OrderStatus, { count: number; amount: number }>>;
  by_wallet: Partial<
    Record<Wallet, { count: number; paid_amount: number; refunded_amount: number; net_amount: number }>
  >;
}

/** A day's (or a month's) money: `gross` paid, `refunded` by refund date, `net = gross − refunded`. */
export interface DailyAmounts {
  approved: number;
  gross: number;
  refunded: number;
  net: number;
}

export interface DailyReportDay extends DailyAmounts {
  /** The day in the merchant's time zone, `YYYY-MM-DD`. */
  date: string;
  /** Orders created that day, in any status. */
  orders: number;
  by_wallet: Partial<Record<Wallet, DailyAmounts>>;
}

/** `GET /v1/reports/daily`: every day of a month in the merchant's time zone, days without sales included. */
export interface DailyReport {
  month: string;
  currency: 'BRL';
  time_zone: string;
  store_id: string | null;
  days: DailyReportDay[];
  totals: Omit<DailyReportDay, 'date'>;
}
