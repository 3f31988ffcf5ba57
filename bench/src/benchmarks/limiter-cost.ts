import type { DemoCredentials } from '@tillgate/gateway';
import type { Storage } from '@tillgate/test/support/backends';
import { startGatewayProcess } from '../gateway-process.js';
import { orderBody, postLoad } from '../load.js';
import type { Row } from '../report.js';

/**
 * The gateway's rate limits as the create benchmark runs them: every limit on at its default except the
 * per-till order limit, raised above what the load generator sends, so each create is counted (the
 * limiter's whole cost) and none is refused.
 */
export const LIMITS_COUNTING = { TILLGATE_RATE_LIMITS: '1', TILLGATE_LIMIT_ORDERS_TILL: '1000000000/1m' };
const LIMITS_OFF = { TILLGATE_RATE_LIMITS: '0' };

const CONNECTIONS = 16;
const ROUNDS = Number(process.env.TILLGATE_BENCH_LIMITER_ROUNDS ?? 2);
const SECONDS = Number(process.env.TILLGATE_BENCH_LIMITER_SECONDS ?? 4);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Creates per second with the rate limits on and off, on the same storage, in alternating rounds (on,
 * off, on, off…) so the database's growth and the box's noise fall on both alike.
 */
export async function limiterCost(name: string, storage: Storage, demo: DemoCredentials): Promise<Row> {
  const totals = { on: { orders: 0, seconds: 0 }, off: { orders: 0, seconds: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['on', 'off'] as const) {
      const gateway = await startGatewayProcess(storage, { demo, env: mode === 'on' ? LIMITS_COUNTING : LIMITS_OFF });
      try {
        const token = await gateway.tillToken(0);
        const load = (seconds: number) =>
          postLoad({ url: gateway.url, path: '/v1/orders', connections: CONNECTIONS, seconds, token, body: orderBody });
        await load(1);
        const r = await load(SECONDS);
        if (r.failures > 0) throw new Error(`limits ${mode}: ${r.failures} creates failed`);
        totals[mode].orders += r.rate * SECONDS;
        totals[mode].seconds += SECONDS;
      } finally {
        await gateway.stop();
      }
    }
  }
  const on = totals.on.orders / totals.on.seconds;
  const off = totals.off.orders / totals.off.seconds;
  return {
    benchmark: 'create',
    case: `${name}, c=${CONNECTIONS}, rate limits on vs off`,
    rate: on,
    ceiling: `limits off ${fmt(off)}/s`,
    ratio: on / off,
    note: `${((Math.abs(on - off) / off) * 100).toFixed(1)} % apart (target ≤ 5 %); ${ROUNDS}×${SECONDS} s each, alternating`,
  };
}
