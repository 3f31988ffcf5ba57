import type { Order } from '@tillgate/sdk/protocol';
import { quantile } from '@tillgate/simulator/stats';
import { backends } from '@tillgate/test/support/backends';
import { startGatewayProcess } from '../gateway-process.js';
import { call } from '../http.js';
import { orderBody } from '../load.js';
import type { Benchmark, Row } from '../report.js';

const ORDERS = 10;
const REFUNDS = 200;
const AMOUNT = 1990;
// 20 refunds of 150 ask for 3,000 of each 1,990 paid: about a third must be refused.
const REFUND_AMOUNT = 150;

/**
 * 200 refunds sent at once over 10 paid orders, asking for more than was paid: refunds per second and
 * whether any order's refunds ever add up to more than its payment. The ceiling is 200 concurrent
 * reads of the same orders on the same gateway.
 */
export const refundContention: Benchmark = {
  name: 'refund-contention',
  async run() {
    const rows: Row[] = [];
    for (const backend of await backends()) {
      if (backend.unavailable) continue;
      const storage = await backend.create();
      const gateway = await startGatewayProcess(storage);
      try {
        const token = await gateway.tillToken(0);
        const orders: Order[] = [];
        for (let i = 0; i < ORDERS; i++) {
          const order = (
            await call<Order>(gateway.url, token, 'POST', '/v1/orders', { ...orderBody(), amount: AMOUNT })
          ).body;
          await call(gateway.url, token, 'POST', `/v1/sandbox/orders/${order.id}/pay`, {});
          orders.push(order);
        }
        const orderOf = (i: number) => orders[i % ORDERS] as Order;
        const reads = await timed(REFUNDS, (i) => call(gateway.url, token, 'GET', `/v1/orders/${orderOf(i).id}`));
        const refunds = await timed(REFUNDS, (i) =>
          call(
            gateway.url,
            token,
            'POST',
            `/v1/orders/${orderOf(i).id}/refunds`,
            { amount: REFUND_AMOUNT },
            [201, 409],
          ),
        );
        const accepted = new Map<string, number>();
        refunds.answers.forEach((a, i) => {
          if (a.status === 201) accepted.set(orderOf(i).id, (accepted.get(orderOf(i).id) ?? 0) + REFUND_AMOUNT);
        });
        const violations: string[] = [];
        for (const o of orders) {
          const now = (await call<Order>(gateway.url, token, 'GET', `/v1/orders/${o.id}`)).body;
          const granted = accepted.get(o.id) ?? 0;
          if (granted > AMOUNT || now.refunded_amount > AMOUNT) violations.push(`${o.id} refunded ${granted}`);
          if (granted !== now.refunded_amount)
            violations.push(`${o.id}: 201s sum ${granted}, order says ${now.refunded_amount}`);
        }
        const granted = refunds.answers.filter((a) => a.status === 201).length;
        rows.push({
          benchmark: 'refund-contention',
          case: backend.name,
          rate: REFUNDS / refunds.seconds,
          p50Ms: quantile(refunds.latencies, 0.5),
          p99Ms: quantile(refunds.latencies, 0.99),
          ceiling: `reads ${Math.round(REFUNDS / reads.seconds)}/s`,
          ratio: reads.seconds / refunds.seconds,
          note: `${granted} granted, ${REFUNDS - granted} refused; ${violations.length ? `VIOLATIONS: ${violations.join('; ')}` : 'never above paid'}`,
        });
      } finally {
        await gateway.stop();
        await storage.drop();
      }
    }
    return { rows };
  },
};

/** Sends `n` requests at once; answers, per-request latencies and the wall time. */
async function timed<T>(n: number, send: (i: number) => Promise<T>) {
  const latencies: number[] = [];
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const s = performance.now();
      const answer = await send(i);
      latencies.push(performance.now() - s);
      return answer;
    }),
  );
  return { answers, latencies, seconds: (performance.now() - t0) / 1000 };
}
