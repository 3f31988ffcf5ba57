import { describe, expect, it } from 'vitest';
import { lastWeek } from './report-period.js';

describe('last week', () => {
  it("is the Monday-to-Sunday before this week, in the merchant's zone", () => {
    // Wednesday 2026-06-03 in São Paulo.
    expect(lastWeek(new Date('2026-06-03T15:00:00Z'), 'America/Sao_Paulo')).toEqual({
      from: '2026-05-25',
      to: '2026-05-31',
    });
    // 01:00 UTC on Monday 2026-06-01 is still Sunday evening in São Paulo.
    expect(lastWeek(new Date('2026-06-01T01:00:00Z'), 'America/Sao_Paulo')).toEqual({
      from: '2026-05-18',
      to: '2026-05-24',
    });
  });
});
