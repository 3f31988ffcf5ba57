import type { Row } from './report.js';
import { judge } from './targets.js';

const num = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n)
    ? ''
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const COLUMNS: Array<[string, (r: Row) => string]> = [
  ['benchmark', (r) => r.benchmark],
  ['case', (r) => r.case],
  ['per s', (r) => num(r.rate)],
  ['p50 ms', (r) => num(r.p50Ms, 1)],
  ['p99 ms', (r) => num(r.p99Ms, 1)],
  ['ceiling (same run)', (r) => r.ceiling ?? ''],
  ['ratio', (r) => (r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(0)} %`)],
  ['target', (r) => judge(r).target],
  ['verdict', (r) => judge(r).verdict],
  ['note', (r) => r.note ?? ''],
];

/** The rows as a Markdown table, padded so it also reads well in a terminal. */
export function markdownTable(rows: Row[]): string {
  const cells = rows.map((r) => COLUMNS.map(([, cell]) => cell(r)));
  const widths = COLUMNS.map(([head], i) => Math.max(head.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(COLUMNS.map(([head]) => head)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
