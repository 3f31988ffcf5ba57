import type { DailyReportDay } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { layoutChart, niceStep } from './daily-chart.js';

const day = (date: string, by: DailyReportDay['by_wallet']): DailyReportDay => {
  const net = Object.values(by).reduce((s, w) => s + (w?.net ?? 0), 0);
  return { date, orders: 0, approved: 0, gross: 0, refunded: 0, net, by_wallet: by };
};
const w = (net: number) => ({ approved: 1, gross: Math.max(net, 0), refunded: Math.max(-net, 0), net });

describe('the daily chart layout', () => {
  it('picks 1, 2 or 5 steps, never under R$ 1', () => {
    expect([niceStep(0), niceStep(50), niceStep(1000), niceStep(12_345), niceStep(999_999)]).toEqual([
      100, 100, 200, 2000, 200_000,
    ]);
  });

  it('stacks positive nets up and negative nets down, so each bar spans its day net', () => {
    const layout = layoutChart(
      [day('2026-05-01', { pix: w(1000), picpay: w(500), ame: w(-300) }), day('2026-05-02', {})],
      ['pix', 'picpay', 'ame'],
    );
    expect(layout.bars[0]?.segments).toEqual([
      { wallet: 'pix', net: 1000, y0: 0, y1: 1000 },
      { wallet: 'picpay', net: 500, y0: 1000, y1: 1500 },
      { wallet: 'ame', net: -300, y0: -300, y1: 0 },
    ]);
    expect(layout.bars[1]?.segments).toEqual([]);
    expect(layout.min).toBeLessThanOrEqual(-300);
    expect(layout.max).toBeGreaterThanOrEqual(1500);
    expect(layout.ticks).toContain(0);
    expect(layout.ticks[0]).toBe(layout.min);
    expect(layout.ticks.at(-1)).toBe(layout.max);
  });

  it('draws an empty month on a R$ 0 to R$ 1 axis', () => {
    expect(layoutChart([day('2026-05-01', {})], ['pix'])).toMatchObject({ min: 0, max: 100, ticks: [0, 100] });
  });
});
