import { describe, expect, it } from 'vitest';
import { periodProblems } from './report-period.js';
import { dayIn, daysInPeriod, nextDay, startOfDay, wallClock } from './zoned-time.js';

const SP = 'America/Sao_Paulo';

describe('days in the merchant zone', () => {
  it('starts a São Paulo day at 03:00 UTC, and a sale at 23:30 there belongs to that day', () => {
    expect(startOfDay('2026-06-01', SP).toISOString()).toBe('2026-06-01T03:00:00.000Z');
    const lateSale = new Date('2026-06-02T02:30:00Z');
    expect(dayIn(lateSale, SP)).toBe('2026-06-01');
    expect(wallClock(lateSale, SP).toISOString()).toBe('2026-06-01T23:30:00.000Z');
  });

  it('follows a zone with daylight saving across its change', () => {
    // New York springs forward on 2026-03-08: that day starts at 05:00 UTC, the next at 04:00 UTC.
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('counts days with both ends included and steps over month ends', () => {
    expect(daysInPeriod('2026-05-01', '2026-05-31')).toBe(31);
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
  });
});

describe('the period a sales file may cover', () => {
  const today = '2026-06-10';
  it('takes 31 days and refuses 32, naming to', () => {
    expect(periodProblems({ from: '2026-05-01', to: '2026-05-31' }, today)).toEqual([]);
    expect(periodProblems({ from: '2026-05-01', to: '2026-06-01' }, today).map((p) => p.field)).toEqual(['to']);
  });
  it('refuses to before from, and any day after today', () => {
    expect(periodProblems({ from: '2026-05-10', to: '2026-05-09' }, today).map((p) => p.field)).toEqual(['to']);
    expect(periodProblems({ from: '2026-06-10', to: '2026-06-11' }, today).map((p) => p.field)).toEqual(['to']);
    expect(periodProblems({ from: '2026-06-11', to: '2026-06-11' }, today).map((p) => p.field)).toEqual(['from', 'to']);
  });
});
