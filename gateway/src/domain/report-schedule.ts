/**
 * When a report subscription sends and for which days, on the merchant's calendar (days `YYYY-MM-DD`):
 * daily every day for yesterday, weekly on Monday for the week (Monday to Sunday) just ended, monthly on
 * the 1st for the month just ended. The scheduler sends at 06:00 merchant time on a sending day.
 */
import { startOfDay } from './zoned-time.js';

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const SENDING_HOUR = 6;

const DAY_MS = 86_400_000;
const parse = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Whether a subscription of this frequency sends on `day`. */
export function sendsOn(frequency: Frequency, day: string): boolean {
  if (frequency === 'daily') return true;
  if (frequency === 'weekly') return new Date(parse(day)).getUTCDay() === 1;
  return day.endsWith('-01');
}

/** The days a sending on `day` reports: the period that ended the evening before. */
export function periodEndedBy(frequency: Frequency, day: string): { first: string; last: string } {
  const last = format(parse(day) - DAY_MS);
  if (frequency === 'daily') return { first: last, last };
  if (frequency === 'weekly') return { first: format(parse(day) - 7 * DAY_MS), last };
  return { first: `${last.slice(0, 7)}-01`, last };
}

/** The instant a sending on `day` is due: 06:00 on the merchant's clock. */
export const sendingAt = (day: string, timeZone: string): Date =>
  new Date(startOfDay(day, timeZone).getTime() + SENDING_HOUR * 3_600_000);

/** The latest sending day whose 06:00 has come by `now`: the one a late or restarted scheduler sends. */
export function latestSendingDay(frequency: Frequency, now: Date, timeZone: string): string {
  // Day by day back from tomorrow (a zone ahead of UTC), a month at the most.
  let day = format(parse(now.toISOString().slice(0, 10)) + DAY_MS);
  while (!sendsOn(frequency, day) || sendingAt(day, timeZone) > now) day = format(parse(day) - DAY_MS);
  return day;
}

/** The first sending instant after `after`. */
export function nextSendingAt(frequency: Frequency, after: Date, timeZone: string): Date {
  let day = format(parse(after.toISOString().slice(0, 10)) - DAY_MS);
  while (!sendsOn(frequency, day) || sendingAt(day, timeZone) <= after) day = format(parse(day) + DAY_MS);
  return sendingAt(day, timeZone);
}
