import { type DailyAmounts, type DailyReport, type DailyReportDay, WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import type { DailySalesRow, DayRange } from '../../store/daily-sales.js';

const zero = (): DailyAmounts => ({ approved: 0, gross: 0, refunded: 0, net: 0 });

function add(into: DailyAmounts, row: DailySalesRow): void {
  into.approved += row.approved;
  into.gross += row.gross;
  into.refunded += row.refunded;
  into.net = into.gross - into.refunded;
}

function addDay(into: Omit<DailyReportDay, 'date'>, row: DailySalesRow): void {
  into.orders += row.orders;
  add(into, row);
  // A wallet whose orders were only created that day has no money to show under it.
  if (row.approved === 0 && row.refunded === 0) return;
  const wallet = into.by_wallet[row.wallet] ?? zero();
  into.by_wallet[row.wallet] = wallet;
  add(wallet, row);
}

/** Every day of `month` (`YYYY-MM`), in order, as the days the calendar has: 28 to 31. */
export function daysOf(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Every day of the range, both ends included. */
export function daysIn(range: DayRange): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${range.first}T00:00:00Z`); d <= Date.parse(`${range.last}T00:00:00Z`); d += 86_400_000)
    days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

export const monthRange = (month: string): DayRange => ({ first: `${month}-01`, last: daysOf(month).at(-1) as string });

/** A table of days: what the report, its files and a subscription's attachment show. */
export type DailyTable = Pick<DailyReport, 'days' | 'totals'>;

/** The table from the database's per day and wallet sums: days without sales are there with zeros. */
export function dailyTableOf(dates: readonly string[], rows: readonly DailySalesRow[]): DailyTable {
  const days = dates.map((date): DailyReportDay => ({ date, orders: 0, ...zero(), by_wallet: {} }));
  const byDate = new Map(days.map((d) => [d.date, d]));
  const totals: Omit<DailyReportDay, 'date'> = { orders: 0, ...zero(), by_wallet: {} };
  for (const row of rows) {
    const day = byDate.get(row.date);
    if (!day) throw new Error(`a sales row of ${row.date} is outside ${dates[0]} to ${dates.at(-1)}`);
    addDay(day, row);
    addDay(totals, row);
  }
  return { days, totals };
}

/** The month's report: every day of it, days without sales included. */
export function dailyReportOf(
  scope: { month: string; timeZone: string; storeId: string | null },
  rows: readonly DailySalesRow[],
): DailyReport {
  const { days, totals } = dailyTableOf(daysOf(scope.month), rows);
  return { month: scope.month, currency: 'BRL', time_zone: scope.timeZone, store_id: scope.storeId, days, totals };
}

/** The wallets that had any activity in the month, in the protocol's order. */
export const walletsIn = (report: DailyTable): Wallet[] => WALLETS.filter((w) => w in report.totals.by_wallet);
