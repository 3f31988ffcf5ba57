import { describe, expect, it } from 'vitest';
import { countdown, dayAfter, formatDateTime, zonedToUtc } from './time.js';

describe('time', () => {
  it('counts down in mm:ss and stops at zero', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(countdown('2026-06-01T13:00:00Z', now)).toBe('60:00');
    expect(countdown('2026-06-01T12:01:05Z', now)).toBe('01:05');
    expect(countdown('2026-06-01T12:00:00.300Z', now)).toBe('00:01');
    expect(countdown('2026-06-01T11:59:00Z', now)).toBe('00:00');
  });

  it("shows instants in the merchant's zone", () => {
    expect(formatDateTime('2026-06-01T02:30:00Z', 'America/Sao_Paulo', 'pt-BR')).toBe('31/05/2026, 23:30:00');
  });

  it("reads a day's bounds in the merchant's zone", () => {
    expect(zonedToUtc('2026-06-01', '00:00:00', 'America/Sao_Paulo')).toBe('2026-06-01T03:00:00.000Z');
    expect(zonedToUtc('2026-06-01', '23:59:59', 'America/Manaus')).toBe('2026-06-02T03:59:59.000Z');
    expect(zonedToUtc('2026-06-01', '12:00:00', 'UTC')).toBe('2026-06-01T12:00:00.000Z');
  });

  it('ends a day where the next begins (the list reads `created_to` as exclusive)', () => {
    expect(dayAfter('2026-06-30')).toBe('2026-07-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(zonedToUtc(dayAfter('2026-06-01'), '00:00:00', 'America/Sao_Paulo')).toBe('2026-06-02T03:00:00.000Z');
  });
});
