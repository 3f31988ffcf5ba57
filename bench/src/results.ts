import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CurvePoint, Row } from './report.js';

const HISTORY = 10;

export interface RunRecord {
  startedAt: string;
  seconds: number;
  /** The share of the machine's CPU time the hypervisor gave other guests during the run. */
  stolenShare: number;
  machine: { cpus: number; cpu: string; memoryGiB: number; node: string };
  benchmarks: string[];
  rows: Row[];
  curve: CurvePoint[];
}

export const machine = (): RunRecord['machine'] => ({
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
});

/** Writes latest.json and a timestamped copy, keeping the newest HISTORY copies. */
export function saveRun(dir: string, run: RunRecord): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(run, null, 2)}\n`;
  const latest = path.join(dir, 'latest.json');
  writeFileSync(latest, json);
  writeFileSync(path.join(dir, `run-${run.startedAt.replace(/[:.]/g, '-')}.json`), json);
  const copies = readdirSync(dir)
    .filter((f) => /^run-.*\.json$/.test(f))
    .sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - HISTORY))) rmSync(path.join(dir, old));
  return latest;
}
