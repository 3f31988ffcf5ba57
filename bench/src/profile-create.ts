/**
 * `pnpm --filter @tillgate/bench profile-create [postgres|pglite]`: runs the gateway on a fresh database
 * (PostgreSQL by default) under `node --cpu-prof`, drives POST /v1/orders for 10 s at 16 connections, and prints where its CPU went:
 * self time by package (or gateway file) and the hottest functions. The .cpuprofile stays for a viewer.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backends } from '@tillgate/test/support/backends';
import { LIMITS_COUNTING } from './benchmarks/limiter-cost.js';
import { startGatewayProcess } from './gateway-process.js';
import { orderBody, postLoad } from './load.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const backendName = process.argv.slice(2).find((a) => a !== '--') ?? 'postgres';
const backend = (await backends()).find((b) => b.name === backendName && !b.unavailable);
if (!backend) throw new Error(`no ${backendName} to profile on (postgres or pglite, and PostgreSQL must answer)`);
const storage = await backend.create();
const dir = mkdtempSync(path.join(tmpdir(), 'tillgate-profile-'));
// The same limits as the create benchmark: counted, but never reached, so the profile is of creates, not of 429s.
const gateway = await startGatewayProcess(storage, {
  env: LIMITS_COUNTING,
  nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
const token = await gateway.tillToken(0);
const load = await postLoad({
  url: gateway.url,
  path: '/v1/orders',
  connections: 16,
  seconds: 10,
  token,
  body: orderBody,
});
await gateway.stop();
await storage.drop();

// The main thread's profile; tsx's loader thread writes a second one (`.1.` in its name).
const file = readdirSync(dir).find((f) => /\.0\.\d+\.cpuprofile$/.test(f));
if (!file) throw new Error(`no profile written in ${dir}`);
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;

const selfMs = new Map<number, number>();
for (const [i, id] of profile.samples.entries())
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
const byKey = (key: (n: ProfileNode) => string) => {
  const sums = new Map<string, number>();
  for (const n of profile.nodes) sums.set(key(n), (sums.get(key(n)) ?? 0) + (selfMs.get(n.id) ?? 0));
  return [...sums].sort((a, b) => b[1] - a[1]);
};
const where = (url: string) =>
  /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
  (url.includes('/gateway/src/')
    ? `gateway/${url.split('/gateway/src/')[1]}`
    : url.startsWith('node:')
      ? url
      : url || '(native/idle)');
const pct = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)} %`;

console.log(
  `${Math.round(load.rate)} orders/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms; profile ${path.join(dir, file)}\n`,
);
console.log('self time by package or gateway file:');
for (const [k, ms] of byKey((n) => where(n.callFrame.url)).slice(0, 20)) console.log(`${pct(ms)}  ${k}`);
console.log('\nhottest functions:');
for (const [k, ms] of byKey(
  (n) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
).slice(0, 25))
  console.log(`${pct(ms)}  ${k}`);
