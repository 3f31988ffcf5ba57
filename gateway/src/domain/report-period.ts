import { daysInPeriod } from './zoned-time.js';

/** The longest period one sales file covers, in days. */
export const MAX_REPORT_DAYS = 31;

export interface PeriodProblem {
  field: 'from' | 'to';
  message: string;
}

/**
 * Whether `from`..`to` (days in the merchant's zone, `to` included) may be exported on `today`:
 * not reversed, not longer than 31 days, not reaching into the future.
 */
export function periodProblems(period: { from: string; to: string }, today: string): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  if (period.to < period.from) problems.push({ field: 'to', message: 'must not be before from' });
  else if (daysInPeriod(period.from, period.to) > MAX_REPORT_DAYS)
    problems.push({ field: 'to', message: `must be at most ${MAX_REPORT_DAYS} days after from, both included` });
  if (period.from > today) problems.push({ field: 'from', message: 'must not be in the future' });
  if (period.to > today) problems.push({ field: 'to', message: 'must not be in the future' });
  return problems;
}
