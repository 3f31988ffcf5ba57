/** Days and wall-clock times in a merchant's time zone (IANA name), for reports; no I/O. */

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

function readWallClock(instant: Date, timeZone: string): Date {
  const parts = formatIn(timeZone).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'), instant.getUTCMilliseconds()),
  );
}

/** Zones change their offset on a quarter hour at the finest; a report's rows come in time order. */
const QUARTER_HOUR_MS = 15 * 60_000;
let lastOffset: { timeZone: string; quarter: number; offsetMs: number } | undefined;

/**
 * The wall-clock time the zone shows at `instant`, as a Date whose UTC fields carry it: what a
 * spreadsheet date cell (which has no zone) must hold to show the merchant's local time. The offset
 * of the last quarter hour asked is remembered: a file of 100,000 rows asks Intl a few thousand times.
 */
export function wallClock(instant: Date, timeZone: string): Date {
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  if (lastOffset?.timeZone !== timeZone || lastOffset.quarter !== quarter) {
    const start = new Date(quarter * QUARTER_HOUR_MS);
    lastOffset = { timeZone, quarter, offsetMs: readWallClock(start, timeZone).getTime() - start.getTime() };
  }
  return new Date(instant.getTime() + lastOffset.offsetMs);
}

/** The day (`YYYY-MM-DD`) it is in the zone at `instant`. */
export const dayIn = (instant: Date, timeZone: string): string =>
  wallClock(instant, timeZone).toISOString().slice(0, 10);

/** The instant a day (`YYYY-MM-DD`) starts in the zone. */
export const startOfDay = (day: string, timeZone: string): Date => instantAtWallClock(`${day}T00:00:00`, timeZone);

/** The instant the zone shows a wall-clock time (`YYYY-MM-DDTHH:MM:SS`, no offset). */
export function instantAtWallClock(time: string, timeZone: string): Date {
  const wall = Date.parse(`${time}Z`);
  const offsetAt = (instant: number) => wallClock(new Date(instant), timeZone).getTime() - instant;
  // Twice: the offset at the wall time read as UTC may differ from the offset at the real instant.
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/** The day after `day`. */
export const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Whole days from `from` to `to`, both included (`2026-05-01`..`2026-05-31` is 31). */
export const daysInPeriod = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
