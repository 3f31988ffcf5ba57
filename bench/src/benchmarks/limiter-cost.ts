import { MemoryRateLimiter, type RateLimiter, RateLimits, RedisRateLimiter } from '@tillgate/gateway';
import type { Backend } from '@tillgate/test/support/backends';
import pino from 'pino';
import { cpuNs } from '../cpu.js';
import { BENCH_REDIS_URL, type BenchGateway, startGatewayProcess } from '../gateway-process.js';
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
const ROUNDS = Number(process.env.TILLGATE_BENCH_LIMITER_ROUNDS ?? 6);
const SECONDS = Number(process.env.TILLGATE_BENCH_LIMITER_SECONDS ?? 2);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Creates per second with the rate limits on and off: two gateways side by side, each on a fresh storage
 * of `backend`, loaded in turn in short rounds (on, off, then off, on…), so the box's noise and the
 * databases' growth fall on both alike. The note adds what one count costs in memory and in Redis.
 */
export async function limiterCost(backend: Backend): Promise<Row> {
  const storages = [await backend.create(), await backend.create()] as const;
  const gateways: BenchGateway[] = [];
  try {
    // TILLGATE_BENCH_AA=1: both off, to see what this box's noise alone makes of the comparison.
    const onEnv = process.env.TILLGATE_BENCH_AA === '1' ? LIMITS_OFF : LIMITS_COUNTING;
    gateways.push(await startGatewayProcess(storages[0], { env: onEnv }));
    gateways.push(await startGatewayProcess(storages[1], { env: LIMITS_OFF }));
    const cpu = { on: 0, off: 0 };
    const [on, off] = await Promise.all(
      gateways.map(async (gateway, i) => {
        const token = await gateway.tillToken(0);
        const pid = gateway.process.child.pid ?? 0;
        const mode = i === 0 ? 'on' : 'off';
        return async (seconds: number) => {
          const before = cpuNs(pid);
          const r = await postLoad({
            url: gateway.url,
            path: '/v1/orders',
            connections: CONNECTIONS,
            seconds,
            token,
            body: orderBody,
          });
          cpu[mode] += cpuNs(pid) - before;
          return r;
        };
      }),
    );
    if (!on || !off) throw new Error('gateways did not start');
    await on(1);
    await off(1);
    cpu.on = 0;
    cpu.off = 0;
    const orders = { on: 0, off: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const mode of order) {
        const r = await (mode === 'on' ? on : off)(SECONDS);
        if (r.failures > 0) throw new Error(`limits ${mode}: ${r.failures} creates failed`);
        orders[mode] += r.rate * SECONDS;
      }
    }
    const [onRate, offRate] = [orders.on / (ROUNDS * SECONDS), orders.off / (ROUNDS * SECONDS)];
    const cost = await countCost();
    const [cpuOn, cpuOff] = [cpu.on / orders.on / 1e6, cpu.off / orders.off / 1e6];
    return {
      benchmark: 'create',
      case: `${backend.name}, c=${CONNECTIONS}, rate limits on vs off`,
      rate: onRate,
      ceiling: `limits off ${fmt(offRate)}/s`,
      ratio: onRate / offRate,
      note:
        `${apart(onRate, offRate)} apart (target ≤ 5 %), ${ROUNDS}×${SECONDS} s each; gateway CPU per create ` +
        `${cpuOn.toFixed(2)} ms on, ${cpuOff.toFixed(2)} ms off (${apart(cpuOn, cpuOff)}); one count ${cost}`,
    };
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(storages.map((s) => s.drop()));
  }
}

const apart = (a: number, b: number) => `${((Math.abs(a - b) / b) * 100).toFixed(1)} %`;

/** Microseconds per counted create (one key), in memory and, when it answers, through Redis. */
async function countCost(): Promise<string> {
  const memory = await microsPerTake(new MemoryRateLimiter(), 20_000);
  const redis = new RedisRateLimiter(BENCH_REDIS_URL, `bench-${process.pid}`, pino({ level: 'silent' }));
  const shared = await microsPerTake(redis, 2_000).finally(() => redis.close());
  return `${memory.toFixed(1)} µs in memory, ${shared.toFixed(0)} µs round trip to Redis`;
}

async function microsPerTake(limiter: RateLimiter, n: number): Promise<number> {
  const limits = new RateLimits(limiter, { orders_till: { limit: 1e9, windowMs: 60_000 } }, { now: () => new Date() });
  const key = [{ rule: 'orders_till' as const, key: 'bench-till' }];
  await limits.take(key);
  const started = performance.now();
  for (let i = 0; i < n; i++) await limits.take(key);
  return ((performance.now() - started) * 1000) / n;
}
