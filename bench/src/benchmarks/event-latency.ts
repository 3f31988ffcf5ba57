import type { Order } from '@tillgate/sdk/protocol';
import { quantile } from '@tillgate/simulator/stats';
import type { Storage } from '@tillgate/test/support/backends';
import { ApprovalWatcher } from '../approvals.js';
import { BENCH_REDIS_URL, type BenchGateway, startGatewayProcess } from '../gateway-process.js';
import { call } from '../http.js';
import { orderBody } from '../load.js';
import { onPostgres } from '../on-postgres.js';
import type { Benchmark, Row } from '../report.js';

const PAYMENTS = 300;

/**
 * From the sandbox payment's request to the `order.approved` frame at a WebSocket subscriber of the
 * till, one payment at a time: on one gateway, and with the subscriber on a second gateway that hears
 * it through Redis. The ceiling is the round trip of the pay request itself, measured on the same payments;
 * that answer is also a row of its own, since it has a target of its own.
 */
export const eventLatency: Benchmark = {
  name: 'event-latency',
  run: () =>
    onPostgres('event-latency', async (postgres) => {
      const rows: Row[] = [];
      rows.push(...(await onStorage(await postgres.create(), 'one instance, postgres', false)));
      rows.push(...(await onStorage(await postgres.create(), 'two instances via Redis', true)));
      return { rows };
    }),
};

async function onStorage(storage: Storage, name: string, twoInstances: boolean): Promise<Row[]> {
  const payer = await startGatewayProcess(storage, twoInstances ? { env: { REDIS_URL: BENCH_REDIS_URL } } : {});
  const subscriberSide: BenchGateway = twoInstances
    ? await startGatewayProcess(storage, { env: { REDIS_URL: BENCH_REDIS_URL }, demo: payer.demo })
    : payer;
  try {
    const token = await payer.tillToken(0);
    const tillId = payer.demo.tills[0]?.id as string;
    const watcher = await ApprovalWatcher.open(subscriberSide.url, await subscriberSide.tillToken(0), `till:${tillId}`);
    const latencies: number[] = [];
    const payAnswers: number[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const order = (await call<Order>(payer.url, token, 'POST', '/v1/orders', orderBody())).body;
      const paidAt = performance.now();
      await call(payer.url, token, 'POST', `/v1/sandbox/orders/${order.id}/pay`, {});
      payAnswers.push(performance.now() - paidAt);
      latencies.push((await watcher.approvalOf(order.id)) - paidAt);
    }
    watcher.close();
    const payP50 = quantile(payAnswers, 0.5);
    const note = `${PAYMENTS} payments, one at a time`;
    return [
      {
        benchmark: 'event-latency',
        case: name,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        ceiling: `pay answer p50 ${payP50.toFixed(1)} ms`,
        ratio: quantile(latencies, 0.5) / payP50,
        note,
      },
      {
        benchmark: 'event-latency',
        case: `pay answer, ${name}`,
        p50Ms: payP50,
        p99Ms: quantile(payAnswers, 0.99),
        note: `POST /v1/sandbox/orders/{id}/pay, ${note}`,
      },
    ];
  } finally {
    if (subscriberSide !== payer) await subscriberSide.stop();
    await payer.stop();
    await storage.drop();
  }
}
