import type { DailyReportDay, Wallet } from '@tillgate/sdk/protocol';

/** A wallet's share of one day's bar, in centavos on the value axis: from `y0` to `y1` (y1 > y0). */
export interface Segment {
  wallet: Wallet;
  net: number;
  y0: number;
  y1: number;
}

export interface ChartLayout {
  /** The value axis, in centavos: `min` ≤ 0 ≤ `max`, both on a tick. */
  min: number;
  max: number;
  ticks: number[];
  bars: Array<{ date: string; net: number; segments: Segment[] }>;
}

/** 1, 2 or 5 times a power of ten: the step that puts about `count` ticks over `span`. */
export function niceStep(span: number, count = 8): number {
  if (span <= 0) return 100;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(100, step);
}

/**
 * Each day's net stacked by wallet: a wallet's positive net stacks up from zero, its negative net (refunds
 * beyond the day's sales) down from zero, so the bar's top minus its bottom is the day's net in every case.
 */
export function layoutChart(days: readonly DailyReportDay[], wallets: readonly Wallet[]): ChartLayout {
  const bars = days.map((day) => {
    let up = 0;
    let down = 0;
    const segments: Segment[] = [];
    for (const wallet of wallets) {
      const net = day.by_wallet[wallet]?.net ?? 0;
      if (net > 0) {
        segments.push({ wallet, net, y0: up, y1: up + net });
        up += net;
      } else if (net < 0) {
        segments.push({ wallet, net, y0: down + net, y1: down });
        down += net;
      }
    }
    return { date: day.date, net: day.net, segments };
  });
  const top = Math.max(0, ...bars.flatMap((b) => b.segments.map((s) => s.y1)));
  const bottom = Math.min(0, ...bars.flatMap((b) => b.segments.map((s) => s.y0)));
  const step = niceStep(top - bottom);
  const max = Math.ceil(top / step) * step || step;
  const min = Math.floor(bottom / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max; v += step) ticks.push(v);
  return { min, max, ticks, bars };
}
