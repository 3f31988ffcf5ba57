import { readFileSync } from 'node:fs';
import type { Order } from '@tillgate/sdk/protocol';
import { quantile } from '@tillgate/simulator/stats';
import { backends } from '@tillgate/test/support/backends';
import { ApprovalWatcher } from '../approvals.js';
import { startGatewayProcess } from '../gateway-process.js';
import { call } from '../http.js';
import { orderBody } from '../load.js';
import type { Benchmark, Row } from '../report.js';

/** The issue asks for 20,000; each needs its own order first, made through the API at about 200/s here. */
const CLIENTS = Number(process.env.TILLGATE_BENCH_FANOUT_CLIENTS ?? 2_000);
const PAYERS = 16;

/**
 * CLIENTS WebSocket clients, each subscribed to one order of its own, and every order paid by 16
 * concurrent payers: from each pay request to its `order.approved` frame, p50/p99, and the gateway's
 * peak RSS. The ceiling is the pay answers' own latency in the same run.
 */
export const fanout: Benchmark = {
  name: 'fanout',
  async run() {
    const postgres = (await backends()).find((b) => b.name === 'postgres');
    if (!postgres || postgres.unavailable)
      return { rows: [{ benchmark: 'fanout', case: 'all', note: `skipped: ${postgres?.unavailable}` }] };
    const storage = await postgres.create();
    const gateway = await startGatewayProcess(storage);
    let subscribers: Array<{ order: Order; watcher: ApprovalWatcher }> = [];
    try {
      const token = await gateway.tillToken(0);
      subscribers = await inBatches(CLIENTS, PAYERS, async () => {
        const order = (await call<Order>(gateway.url, token, 'POST', '/v1/orders', orderBody())).body;
        return { order, watcher: await ApprovalWatcher.open(gateway.url, token, `order:${order.id}`) };
      });
      const rssBefore = residentMiB(gateway.process.child.pid);
      const latencies: number[] = [];
      const answers: number[] = [];
      const t0 = performance.now();
      await inBatches(CLIENTS, PAYERS, async (i) => {
        const { order, watcher } = subscribers[i] as (typeof subscribers)[number];
        const paidAt = performance.now();
        await call(gateway.url, token, 'POST', `/v1/sandbox/orders/${order.id}/pay`, {});
        answers.push(performance.now() - paidAt);
        latencies.push((await watcher.approvalOf(order.id)) - paidAt);
      });
      const seconds = (performance.now() - t0) / 1000;
      const peak = peakResidentMiB(gateway.process.child.pid);
      const row: Row = {
        benchmark: 'fanout',
        case: `${CLIENTS.toLocaleString('en-US')} clients, one order each`,
        rate: CLIENTS / seconds,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        ceiling: `pay answer p99 ${quantile(answers, 0.99).toFixed(1)} ms`,
        ratio: quantile(latencies, 0.99) / quantile(answers, 0.99),
        note: `events/s as fast as ${PAYERS} payers go; gateway RSS ${rssBefore} MiB subscribed, peak ${peak} MiB`,
      };
      return { rows: [row] };
    } finally {
      for (const s of subscribers) s.watcher.close();
      await gateway.stop();
      await storage.drop();
    }
  },
};

/** Runs `job(0…n-1)` with at most `width` at once, answers in index order. */
async function inBatches<T>(n: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < n; i = next++) results[i] = await job(i);
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

const statusField = (pid: number | undefined, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN) / 1024);
};
const residentMiB = (pid: number | undefined) => statusField(pid, 'VmRSS');
const peakResidentMiB = (pid: number | undefined) => statusField(pid, 'VmHWM');
