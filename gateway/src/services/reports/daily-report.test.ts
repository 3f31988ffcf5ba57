import { describe, expect, it } from 'vitest';
import { reais } from './daily-files.js';
import { dailyReportOf, daysOf } from './daily-report.js';

describe('the daily report', () => {
  it('has every day of the month the calendar has', () => {
    expect(daysOf('2026-02')).toHaveLength(28);
    expect(daysOf('2028-02').at(-1)).toBe('2028-02-29');
    expect(daysOf('2026-05')).toHaveLength(31);
    expect(daysOf('2026-06')[0]).toBe('2026-06-01');
  });

  it('keeps days without sales, sums wallets into days and days into the month, net = gross − refunded', () => {
    const report = dailyReportOf({ month: '2026-06', timeZone: 'America/Sao_Paulo', storeId: null }, [
      { date: '2026-06-01', wallet: 'pix', orders: 2, approved: 1, gross: 1990, refunded: 0 },
      { date: '2026-06-01', wallet: 'picpay', orders: 1, approved: 1, gross: 500, refunded: 100 },
      { date: '2026-06-30', wallet: 'pix', orders: 0, approved: 0, gross: 0, refunded: 1990 },
    ]);
    expect(report.days).toHaveLength(30);
    expect(report.days[0]).toEqual({
      date: '2026-06-01',
      orders: 3,
      approved: 2,
      gross: 2490,
      refunded: 100,
      net: 2390,
      by_wallet: {
        pix: { approved: 1, gross: 1990, refunded: 0, net: 1990 },
        picpay: { approved: 1, gross: 500, refunded: 100, net: 400 },
      },
    });
    expect(report.days[1]).toMatchObject({ orders: 0, gross: 0, net: 0, by_wallet: {} });
    expect(report.days[29]).toMatchObject({ refunded: 1990, net: -1990 });
    expect(report.totals).toMatchObject({ orders: 3, approved: 2, gross: 2490, refunded: 2090, net: 400 });
    expect(report.totals.by_wallet.pix).toEqual({ approved: 1, gross: 1990, refunded: 1990, net: 0 });
  });

  it('refuses a row outside the month rather than dropping its money', () => {
    expect(() =>
      dailyReportOf({ month: '2026-06', timeZone: 'UTC', storeId: null }, [
        { date: '2026-07-01', wallet: 'pix', orders: 1, approved: 0, gross: 0, refunded: 0 },
      ]),
    ).toThrow(/outside/);
  });

  it('writes reais by moving digits', () => {
    expect([reais(0), reais(5), reais(1990), reais(123456789), reais(-5), reais(-1990)]).toEqual([
      '0.00',
      '0.05',
      '19.90',
      '1234567.89',
      '-0.05',
      '-19.90',
    ]);
  });
});
