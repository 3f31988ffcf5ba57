import type pg from 'pg';
import { cpuNs } from '../cpu.js';
import { BENCH_REDIS_URL, type BenchGateway, startGatewayProcess } from '../gateway-process.js';
import { type LoadResult, orderBody, postLoad } from '../load.js';
import { onPostgres } from '../on-postgres.js';
import { backendCpu, backendCpuSpent, maintenanceSession } from '../postgres-stats.js';
import type { Benchmark, Row } from '../report.js';
import { LIMITS_COUNTING } from './limiter-cost.js';

const INSTANCES = [1, 2, 3];
/** In all, shared round robin by the instances, so every case offers the same load. */
const CONNECTIONS = 16;
const SECONDS = Number(process.env.TILLGATE_BENCH_INSTANCES_SECONDS ?? 5);
/**
 * Each instance, once started, is loaded alone this long, so that one added late is as warm (its code
 * compiled by the JIT) as the first: a cold instance would charge its compiling to the cases with more.
 */
const WARMUP_SECONDS = Number(process.env.TILLGATE_BENCH_INSTANCES_WARMUP_SECONDS ?? 5);
/** Idle, before each load: the instances' background CPU (pollers, heartbeats), which grows with their number. */
const IDLE_SECONDS = 2;
// Several instances need Redis (bus and shared rate limits); one instance gets it too, so every case runs alike.
const GATEWAY_ENV = { ...LIMITS_COUNTING, REDIS_URL: BENCH_REDIS_URL };

/** What one case cost: the load, each instance's CPU and the database's backends' CPU over it, in ns. */
interface Measured {
  load: LoadResult;
  instancesCpuNs: number[];
  postgresCpuNs: number;
  /** Every instance's CPU per second with no load, summed. */
  idleCpuNsPerSecond: number;
}

/**
 * `POST /v1/orders` on one, two and three gateway processes over one PostgreSQL database and one Redis,
 * the same 16 connections spread over the instances: does one create's gateway CPU (every instance's,
 * summed) stay flat as instances are added, as the README's sizing assumes? On a box of few cores the
 * rate cannot grow with the instances (they, PostgreSQL and the load generator share the cores); the CPU
 * per create is the figure. Counts are per create with the instances' background work (their workers'
 * polls) in, as create-counts counts them.
 */
export const createInstances: Benchmark = {
  name: 'create-instances',
  run: () =>
    onPostgres('create-instances', async (postgres) => {
      const storage = await postgres.create();
      const { admin, database } = await maintenanceSession(storage.databaseUrl as string);
      const gateways: BenchGateway[] = [];
      try {
        const first = await startGatewayProcess(storage, { env: GATEWAY_ENV });
        gateways.push(first);
        // The signing secret lives in the database, so one instance's token is good at every instance.
        const token = await first.tillToken(0);
        const measured: Measured[] = [];
        for (const n of INSTANCES) {
          // Instances are added to those already running; the first seeded the demo merchant the others share.
          while (gateways.length < n) {
            const added = await startGatewayProcess(storage, { env: GATEWAY_ENV, demo: first.demo });
            gateways.push(added);
            await creates([added], token, WARMUP_SECONDS);
          }
          if (n === 1) await creates([first], token, WARMUP_SECONDS);
          measured.push(await measure(gateways, token, admin, database));
        }
        return { rows: measured.map((m) => row(m, measured[0] ?? m)) };
      } finally {
        await Promise.all(gateways.map((g) => g.stop()));
        await admin.end();
        await storage.drop();
      }
    }),
};

/** Creates for `seconds` over `gateways`, the connections shared round robin. */
async function creates(gateways: BenchGateway[], token: string, seconds: number): Promise<LoadResult> {
  const result = await postLoad({
    url: gateways.map((g) => g.url),
    path: '/v1/orders',
    connections: CONNECTIONS,
    seconds,
    token,
    body: orderBody,
  });
  if (result.failures > 0) throw new Error(`${gateways.length} instances: ${result.failures} creates failed`);
  return result;
}

async function measure(gateways: BenchGateway[], token: string, admin: pg.Client, database: string): Promise<Measured> {
  const pids = gateways.map((g) => g.process.child.pid as number);
  const idleFrom = sum(pids.map(cpuNs));
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const idleCpuNsPerSecond = (sum(pids.map(cpuNs)) - idleFrom) / IDLE_SECONDS;
  const before = { instances: pids.map(cpuNs), backends: await backendCpu(admin, database) };
  const result = await creates(gateways, token, SECONDS);
  return {
    load: result,
    instancesCpuNs: pids.map((pid, i) => cpuNs(pid) - (before.instances[i] ?? Number.NaN)),
    postgresCpuNs: backendCpuSpent(before.backends, await backendCpu(admin, database)),
    idleCpuNsPerSecond,
  };
}

const msPerCreate = (ns: number, load: LoadResult) => ns / load.requests / 1e6;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function row(m: Measured, one: Measured): Row {
  const gatewayMs = msPerCreate(sum(m.instancesCpuNs), m.load);
  const oneMs = msPerCreate(sum(one.instancesCpuNs), one.load);
  const n = m.instancesCpuNs.length;
  const each = m.instancesCpuNs.map((ns) => msPerCreate(ns, m.load).toFixed(2)).join(' + ');
  return {
    benchmark: 'create-instances',
    case: `postgres + Redis, ${n} instance${n > 1 ? 's' : ''}, c=${CONNECTIONS} in all`,
    rate: m.load.rate,
    p50Ms: m.load.p50Ms,
    p99Ms: m.load.p99Ms,
    ceiling: `1 instance: ${oneMs.toFixed(2)} ms CPU/create`,
    ratio: gatewayMs / oneMs,
    note:
      `per create, background in: gateway CPU ${gatewayMs.toFixed(2)} ms` +
      `${n > 1 ? ` (${each} by instance)` : ''}, ` +
      `PostgreSQL backends CPU ${msPerCreate(m.postgresCpuNs, m.load).toFixed(2)} ms; ` +
      `idle, the instances spend ${(m.idleCpuNsPerSecond / 1e6).toFixed(0)} ms CPU/s in all ` +
      `(${msPerCreate(m.idleCpuNsPerSecond * SECONDS, m.load).toFixed(2)} ms per create if it ran on under load); ` +
      `${m.load.requests.toLocaleString('en-US')} creates in ${SECONDS} s`,
  };
}
