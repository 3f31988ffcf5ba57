import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Order } from '@tillgate/sdk/protocol';
import { quantile } from '@tillgate/simulator/stats';
import knex from 'knex';
import type { ClientJob, ClientReport } from '../fanout-clients.js';
import { startGatewayProcess } from '../gateway-process.js';
import { call } from '../http.js';
import { orderBody } from '../load.js';
import { onPostgres } from '../on-postgres.js';
import type { Benchmark } from '../report.js';
import { cloneOrders, cloneTills } from '../seed.js';

const TARGET_CLIENTS = Number(process.env.TILLGATE_BENCH_FANOUT_CLIENTS ?? 20_000);
const EVENTS_PER_SECOND = 1_000;
/** Client processes, each on its own loopback source address so no one address runs short of ports. */
const PROCESSES = 4;
/** Open files the gateway may need besides the client sockets as load grows (pool connections, logs). */
const SPARE_FILES = 64;

/**
 * One gateway on PostgreSQL with N tills (bulk-inserted), each watched by its own WebSocket client
 * (PROCESSES client processes; they hold the merchant's app token, since signing in 20,000 tills one by
 * one would take minutes of set-up and measure the sign-in, not the fan-out); then one pending order per till
 * whose deadlines pass at 1,000 a second (inserted a second's worth at a time, each before its first deadline),
 * so the gateway's own expiry worker emits 1,000 `order.expired` a second, each to one till. Delivery is from
 * the event's `created_at` (taken as its transaction starts) to the frame at the client; the ceiling is a WebSocket ping's round trip on the same sockets during the same load.
 */
export const fanout: Benchmark = {
  name: 'fanout',
  run: () =>
    onPostgres('fanout', async (postgres) => {
      const storage = await postgres.create();
      // Every client holds the one app token and each process shares an address: the per-caller and per-address
      // socket limits, meant for strangers, are off here.
      const gateway = await startGatewayProcess(storage, {
        env: { TILLGATE_WS_MAX_SOCKETS_PER_CALLER: '0', TILLGATE_WS_MAX_SOCKETS_PER_IP: '0' },
      });
      const db = knex({ client: 'pg', connection: storage.databaseUrl });
      const clients: ReturnType<typeof fork>[] = [];
      try {
        const pid = gateway.process.child.pid as number;
        const n = Math.min(TARGET_CLIENTS, openFileLimit() - readdirSync(`/proc/${pid}/fd`).length - SPARE_FILES);
        const demo = gateway.demo;
        await cloneTills(db, demo.tills[0]?.client_id as string, n);
        const template = (
          await call<Order>(gateway.url, await gateway.tillToken(0), 'POST', '/v1/orders', {
            ...orderBody(),
            expires_in: 3600,
          })
        ).body;

        const appToken = await gateway.appToken();
        const t0 = performance.now();
        const per = Math.ceil(n / PROCESSES);
        const ready: Promise<unknown>[] = [];
        const done: Promise<unknown>[] = [];
        const results: Promise<Extract<ClientReport, { kind: 'results' }>>[] = [];
        for (let p = 0; p < PROCESSES && p * per < n; p++) {
          const child = fork(new URL('../fanout-clients.ts', import.meta.url), {
            execArgv: ['--import', 'tsx', '--conditions=source'],
          });
          clients.push(child);
          ready.push(nextReport(child, 'ready'));
          // A process that dies early fails its `results`; `done` only ends the wait.
          done.push(nextReport(child, 'done').catch(() => undefined));
          results.push(nextReport(child, 'results'));
          const job: ClientJob = {
            url: gateway.url,
            token: appToken,
            from: p * per + 1,
            to: Math.min(n, (p + 1) * per),
            localAddress: `127.0.0.${p + 2}`,
          };
          child.send(job);
        }
        await Promise.all(ready);
        const connectSeconds = (performance.now() - t0) / 1000;
        const rssSubscribed = statusMiB(pid, 'VmRSS');

        // One second of deadlines per insert, the inserts back to back from 2 s before the first deadline: one
        // insert of all n took up to 5 s on a slow day, so the first seconds' orders were already due at its
        // commit and expired as one backlog, which measured the set-up rather than the fan-out.
        const firstDeadline = Date.now() + 2000;
        let lateInserts = 0;
        for (let from = 1; from <= n; from += EVENTS_PER_SECOND) {
          const deadline = firstDeadline + (from - 1) * (1000 / EVENTS_PER_SECOND);
          await cloneOrders(db, template.id, {
            n: Math.min(EVENTS_PER_SECOND, n - from + 1),
            from,
            firstDeadline: new Date(deadline),
            spacingMs: 1000 / EVENTS_PER_SECOND,
            onBenchTills: true,
          });
          // Each insert is meant to land before its first deadline; a late one is a backlog the figures would show.
          if (Date.now() > deadline) lateInserts++;
        }
        const waitSeconds = 2 + n / EVENTS_PER_SECOND + 30;
        await Promise.race([
          Promise.all(done),
          new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000).unref()),
        ]);
        for (const c of clients) c.send('collect');
        const reports = await Promise.all(results);
        const latencies = reports.flatMap((r) => r.latencies);
        const sinceDeadline = reports.flatMap((r) => r.sinceDeadline);
        const pings = reports.flatMap((r) => r.pings);
        const dropped = reports.reduce((sum, r) => sum + r.failures, 0);
        const peak = statusMiB(pid, 'VmHWM');
        return {
          rows: [
            {
              benchmark: 'fanout',
              case: `${n.toLocaleString('en-US')} till clients, ${EVENTS_PER_SECOND.toLocaleString('en-US')} events/s`,
              rate:
                latencies.length /
                ((Math.max(...reports.map((r) => r.lastAt)) - Math.min(...reports.map((r) => r.firstAt))) / 1000),
              p50Ms: quantile(latencies, 0.5),
              p99Ms: quantile(latencies, 0.99),
              ceiling: `ws ping p99 ${quantile(pings, 0.99).toFixed(1)} ms`,
              ratio: quantile(latencies, 0.99) / quantile(pings, 0.99),
              peakRssMiB: peak,
              note: `${latencies.length.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} delivered, ${dropped} sockets dropped; from the order's deadline p50 ${quantile(sinceDeadline, 0.5)} ms, p99 ${quantile(sinceDeadline, 0.99)} ms; ${lateInserts ? `${lateInserts} inserts landed after their first deadline; ` : ''}gateway RSS ${rssSubscribed} MiB subscribed, peak ${peak} MiB; all subscribed in ${connectSeconds.toFixed(0)} s`,
            },
          ],
        };
      } finally {
        for (const c of clients) c.kill();
        await db.destroy();
        await gateway.stop();
        await storage.drop();
      }
    }),
};

function nextReport<K extends ClientReport['kind']>(
  child: ReturnType<typeof fork>,
  kind: K,
): Promise<Extract<ClientReport, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ClientReport) => {
      if (m.kind !== kind) return;
      child.off('message', onMessage);
      resolve(m as Extract<ClientReport, { kind: K }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`a fan-out client process exited with ${code} before '${kind}'`)));
  });
}

/** This process's soft limit of open files, which the gateway it spawns inherits. */
function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 1024);
}

function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN) / 1024);
}
