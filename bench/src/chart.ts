import type { CurvePoint } from './report.js';

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 200, top: 40, bottom: 50 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * An SVG of latency against concurrency, one colour per series: p99 solid, p50 dashed. Both axes are
 * logarithmic because concurrencies and latencies each span orders of magnitude.
 */
export function latencyChart(points: CurvePoint[]): string {
  const series = [...new Set(points.map((p) => p.series))];
  const xs = points.map((p) => p.concurrency);
  const ys = points.flatMap((p) => [p.p50Ms, p.p99Ms]).map((y) => Math.max(y, 0.1));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = [10 ** Math.floor(Math.log10(Math.min(...ys))), 10 ** Math.ceil(Math.log10(Math.max(...ys)))];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const logScale = (v: number, lo: number, hi: number) => (hi === lo ? 0.5 : Math.log(v / lo) / Math.log(hi / lo));
  const x = (c: number) => MARGIN.left + logScale(c, xMin, xMax) * plotW;
  const y = (ms: number) => MARGIN.top + plotH - logScale(Math.max(ms, 0.1), yMin, yMax) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15">create: latency against concurrency (p99 solid, p50 dashed)</text>`,
  ];
  for (let decade = yMin; decade <= yMax; decade *= 10) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(decade)}" y2="${y(decade)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(decade) + 4}" text-anchor="end">${decade} ms</text>`,
    );
  }
  for (const c of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(
      `<line x1="${x(c)}" x2="${x(c)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      `<text x="${x(c)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${c}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">concurrent connections</text>`,
    // autocannon reports whole milliseconds, so a 0 ms p50 is drawn on the floor of the axis.
    `<text x="${WIDTH - MARGIN.right + 16}" y="${HEIGHT - 10}" font-size="10" fill="#666">0 ms drawn at 0.1 ms</text>`,
  );
  series.forEach((name, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const own = points.filter((p) => p.series === name).sort((a, b) => a.concurrency - b.concurrency);
    const path = (pick: (p: CurvePoint) => number) => own.map((p) => `${x(p.concurrency)},${y(pick(p))}`).join(' ');
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${path((p) => p.p99Ms)}"/>`,
      `<polyline fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="5 4" points="${path((p) => p.p50Ms)}"/>`,
      ...own.map((p) => `<circle cx="${x(p.concurrency)}" cy="${y(p.p99Ms)}" r="3" fill="${colour}"/>`),
      `<rect x="${WIDTH - MARGIN.right + 16}" y="${MARGIN.top + i * 22}" width="14" height="3" fill="${colour}"/>`,
      `<text x="${WIDTH - MARGIN.right + 36}" y="${MARGIN.top + i * 22 + 5}">${escapeXml(name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
