/**
 * `pnpm bench [name…]`: runs the named benchmarks (all by default), prints the table and writes
 * bench/results/latest.json, a timestamped copy (the newest ten kept) and the `create` latency chart.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create } from './benchmarks/create.js';
import { createCounts } from './benchmarks/create-counts.js';
import { createInstances } from './benchmarks/create-instances.js';
import { eventLatency } from './benchmarks/event-latency.js';
import { expiry } from './benchmarks/expiry.js';
import { fanout } from './benchmarks/fanout.js';
import { refundContention } from './benchmarks/refund-contention.js';
import { report } from './benchmarks/report.js';
import { sdkSize } from './benchmarks/sdk-size.js';
import { latencyChart } from './chart.js';
import { machineTicks, stolenSince } from './cpu.js';
import { updateReadmeTable } from './readme.js';
import type { Benchmark, CurvePoint, Row } from './report.js';
import { machine, saveRun } from './results.js';
import { markdownTable } from './table.js';

const BENCHMARKS: Benchmark[] = [
  create,
  createCounts,
  createInstances,
  eventLatency,
  refundContention,
  expiry,
  fanout,
  sdkSize,
  report,
];
const resultsDir = fileURLToPath(new URL('../results', import.meta.url));

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;

const startedAt = new Date();
const runTicks = machineTicks();
const stolen = (share: number) => `${(share * 100).toFixed(0)} % of the CPU stolen by the host`;
const rows: Row[] = [];
const curve: CurvePoint[] = [];
for (const benchmark of selected) {
  const t0 = performance.now();
  const ticks = machineTicks();
  process.stdout.write(`${benchmark.name}… `);
  try {
    const outcome = await benchmark.run();
    rows.push(...outcome.rows);
    curve.push(...(outcome.curve ?? []));
    console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s, ${stolen(stolenSince(ticks))}`);
  } catch (err) {
    console.log('failed');
    console.error(err);
    rows.push({ benchmark: benchmark.name, case: 'all', note: `failed: ${(err as Error).message.split('\n')[0]}` });
  }
}

const run = {
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  stolenShare: stolenSince(runTicks),
  machine: machine(),
  benchmarks: selected.map((b) => b.name),
  rows,
  curve,
};
const latest = saveRun(resultsDir, run);
if (curve.length > 0) writeFileSync(new URL('../results/create-latency.svg', import.meta.url), latencyChart(curve));
// Only a full run speaks for the README; a run of a few benchmarks would leave the others out.
if (selected.length === BENCHMARKS.length && !rows.some((r) => r.note?.startsWith('failed')))
  updateReadmeTable(
    fileURLToPath(new URL('../../README.md', import.meta.url)),
    markdownTable(rows),
    `Measured ${run.startedAt.slice(0, 10)} on ${run.machine.cpus} × ${run.machine.cpu}, Node ${run.machine.node}, in ${run.seconds} s, ${stolen(run.stolenShare)}:`,
  );
console.log(
  `\n${markdownTable(rows)}\n\n${run.seconds} s on ${run.machine.cpus} × ${run.machine.cpu}, ${stolen(run.stolenShare)}; written to ${latest}`,
);
process.exit(rows.some((r) => r.note?.startsWith('failed')) ? 1 : 0);
