import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FREQUENCIES, latestSendingDay, nextSendingAt, periodEndedBy, sendsOn } from './report-schedule.js';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('the report schedule', () => {
  it('sends daily every day, weekly on Mondays, monthly on the 1st', () => {
    expect(['2026-06-01', '2026-06-02'].map((d) => sendsOn('weekly', d))).toEqual([true, false]);
    expect(['2026-06-01', '2026-06-02'].map((d) => sendsOn('monthly', d))).toEqual([true, false]);
    expect(sendsOn('daily', '2026-06-02')).toBe(true);
  });

  it('reports the period just ended', () => {
    expect(periodEndedBy('daily', '2026-03-01')).toEqual({ first: '2026-02-28', last: '2026-02-28' });
    expect(periodEndedBy('weekly', '2026-06-01')).toEqual({ first: '2026-05-25', last: '2026-05-31' });
    expect(periodEndedBy('monthly', '2028-03-01')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });

  it('covers every day exactly once across consecutive sendings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FREQUENCIES), day, (frequency, start) => {
        const sendings: string[] = [];
        for (let ms = Date.parse(`${start}T00:00:00Z`); sendings.length < 3; ms += 86_400_000) {
          const d = new Date(ms).toISOString().slice(0, 10);
          if (sendsOn(frequency, d)) sendings.push(d);
        }
        const [a, b, c] = sendings.map((d) => periodEndedBy(frequency, d)) as [
          { first: string; last: string },
          { first: string; last: string },
          { first: string; last: string },
        ];
        const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect(next(a.last)).toBe(b.first);
        expect(next(b.last)).toBe(c.first);
        expect(b.last).toBe(new Date(Date.parse(`${sendings[1]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('sending times on the merchant clock', () => {
  const zone = 'America/Sao_Paulo';

  it('sends at 06:00 merchant time, not before', () => {
    // 2026-06-08 is a Monday; 06:00 in São Paulo is 09:00 UTC.
    expect(nextSendingAt('weekly', new Date('2026-06-01T12:00:00Z'), zone)).toEqual(new Date('2026-06-08T09:00:00Z'));
    expect(nextSendingAt('daily', new Date('2026-06-02T08:59:59Z'), zone)).toEqual(new Date('2026-06-02T09:00:00Z'));
    expect(nextSendingAt('monthly', new Date('2026-06-01T09:00:00Z'), zone)).toEqual(new Date('2026-07-01T09:00:00Z'));
    expect(latestSendingDay('daily', new Date('2026-06-02T08:59:59Z'), zone)).toBe('2026-06-01');
    expect(latestSendingDay('daily', new Date('2026-06-02T09:00:00Z'), zone)).toBe('2026-06-02');
    expect(latestSendingDay('weekly', new Date('2026-06-10T12:00:00Z'), zone)).toBe('2026-06-08');
    expect(latestSendingDay('daily', new Date('2026-06-02T21:30:00Z'), 'Asia/Tokyo')).toBe('2026-06-03');
  });

  it('has the next sending be the latest one once its time comes', () => {
    const zones = fc.constantFrom('America/Sao_Paulo', 'America/Manaus', 'Asia/Tokyo', 'UTC', 'Pacific/Kiritimati');
    const instant = fc.date({
      min: new Date('2001-01-01T00:00:00Z'),
      max: new Date('2098-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.constantFrom(...FREQUENCIES), instant, zones, (frequency, now, tz) => {
        const next = nextSendingAt(frequency, now, tz);
        expect(next > now).toBe(true);
        const day = latestSendingDay(frequency, next, tz);
        expect(sendsOn(frequency, day)).toBe(true);
        expect(nextSendingAt(frequency, new Date(next.getTime() - 1), tz)).toEqual(next);
        expect(latestSendingDay(frequency, new Date(next.getTime() - 1), tz)).not.toBe(day);
      }),
    );
  });
});
