/** The default period of a sales file: last week, Monday to Sunday, in the merchant's time zone. */
export function lastWeek(now: Date, timeZone: string): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const midnight = Date.parse(`${today}T00:00:00Z`);
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  const monday = midnight - (sinceMonday + 7) * 86_400_000;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(monday), to: day(monday + 6 * 86_400_000) };
}
