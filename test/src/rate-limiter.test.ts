import { randomBytes } from 'node:crypto';
import {
  ApiError,
  ManualClock,
  MemoryRateLimiter,
  type RateLimiter,
  RateLimits,
  RedisRateLimiter,
} from '@tillgate/gateway';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { redisProblem, SHARED_REDIS_URL } from './support/redis.js';

const redisDown = await redisProblem();
if (redisDown && process.env.TILLGATE_REQUIRE_SERVICES === '1')
  throw new Error(`${redisDown}; TILLGATE_REQUIRE_SERVICES=1 needs it`);
if (redisDown) console.warn(`Skipping the Redis rate limiter: ${redisDown}`);

const silent = pino({ level: 'silent' });
const opened: RateLimiter[] = [];
afterAll(() => Promise.all(opened.map((l) => l.close())));

/** Each limiter of a kind; Redis ones share one namespace per test, as instances of one deployment do. */
const kinds: Array<{ name: string; unavailable?: string; open(namespace: string): RateLimiter }> = [
  { name: 'memory', open: () => new MemoryRateLimiter() },
  {
    name: 'redis',
    ...(redisDown ? { unavailable: redisDown } : {}),
    open: (namespace) => new RedisRateLimiter(SHARED_REDIS_URL, namespace, silent),
  },
];

const T0 = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;

for (const kind of kinds) {
  describe.skipIf(kind.unavailable)(`RateLimiter conformance: ${kind.name}`, () => {
    const open = () => {
      const limiter = kind.open(`test-${randomBytes(6).toString('hex')}`);
      opened.push(limiter);
      return limiter;
    };
    const key = () => `k-${randomBytes(4).toString('hex')}`;

    it('counts hits per key within a window and starts again in the next one, by the clock passed in', async () => {
      const limiter = open();
      const [a, b] = [key(), key()];
      expect(await limiter.hit([{ key: a, windowMs: MINUTE }], T0)).toEqual([1]);
      expect(await limiter.hit([{ key: a, windowMs: MINUTE }], T0 + 1000)).toEqual([2]);
      expect(await limiter.hit([{ key: b, windowMs: MINUTE }], T0 + 2000)).toEqual([1]);
      expect(await limiter.hit([{ key: a, windowMs: MINUTE }], T0 + MINUTE - 1)).toEqual([3]);
      expect(await limiter.hit([{ key: a, windowMs: MINUTE }], T0 + MINUTE)).toEqual([1]);
    });

    it('counts several keys of different windows in one call, each in its own window', async () => {
      const limiter = open();
      const [a, b] = [key(), key()];
      const both = [
        { key: a, windowMs: 1000 },
        { key: b, windowMs: MINUTE },
      ];
      expect(await limiter.hit(both, T0)).toEqual([1, 1]);
      expect(await limiter.hit(both, T0 + 999)).toEqual([2, 2]);
      expect(await limiter.hit(both, T0 + 1000)).toEqual([1, 3]);
      expect(await limiter.hit([], T0)).toEqual([]);
    });

    it('counts concurrent hits exactly once each', async () => {
      const limiter = open();
      const a = key();
      const counts = await Promise.all(
        Array.from({ length: 50 }, () => limiter.hit([{ key: a, windowMs: MINUTE }], T0)),
      );
      expect(counts.map(([c]) => c).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });

    it('refuses past the limit with Retry-After and the RateLimit headers, and lets the next window through', async () => {
      const clock = new ManualClock(new Date(T0 + 15_000));
      const limits = new RateLimits(open(), { auth_client: { limit: 2, windowMs: MINUTE } }, clock);
      const k = [{ rule: 'auth_client' as const, key: key() }];
      expect(await limits.take(k)).toEqual({
        'RateLimit-Policy': '"auth_client";q=2;w=60',
        RateLimit: '"auth_client";r=1;t=45',
      });
      await limits.take(k);
      const refused = await limits.take(k).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({
        code: 'rate_limited',
        headers: {
          'Retry-After': '45',
          'RateLimit-Policy': '"auth_client";q=2;w=60',
          RateLimit: '"auth_client";r=0;t=45',
        },
      });
      clock.advance(45_000);
      expect(await limits.allows(k)).toBe(true);
      // A rule that is off is neither counted nor announced.
      expect(await limits.take([{ rule: 'orders_till', key: 'x' }])).toEqual({});
    });
  });
}

describe.skipIf(redisDown)('RedisRateLimiter across instances', () => {
  it('shares counters between instances of one deployment, and not with another deployment', async () => {
    const namespace = `test-${randomBytes(6).toString('hex')}`;
    const [one, two, other] = [namespace, namespace, `${namespace}-other`].map(
      (ns) => new RedisRateLimiter(SHARED_REDIS_URL, ns, silent),
    ) as [RedisRateLimiter, RedisRateLimiter, RedisRateLimiter];
    opened.push(one, two, other);
    const hit = [{ key: 'shared', windowMs: MINUTE }];
    expect(await one.hit(hit, T0)).toEqual([1]);
    expect(await two.hit(hit, T0 + 10)).toEqual([2]);
    expect(await other.hit(hit, T0 + 20)).toEqual([1]);
  });

  it('lets requests through while Redis cannot be reached', async () => {
    const unreachable = new RedisRateLimiter('redis://127.0.0.1:1', 'down', silent);
    opened.push(unreachable);
    expect(await unreachable.hit([{ key: 'a', windowMs: MINUTE }], T0)).toEqual([0]);
  });
});

describe('MemoryRateLimiter bounds', () => {
  it('holds at most maxKeys counters and sweeps ended windows', async () => {
    const limiter = new MemoryRateLimiter(100);
    for (let i = 0; i < 500; i++) await limiter.hit([{ key: `k${i}`, windowMs: MINUTE }], T0);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The newest keys are the ones kept.
    expect(await limiter.hit([{ key: 'k499', windowMs: MINUTE }], T0)).toEqual([2]);
    await limiter.hit([{ key: 'late', windowMs: MINUTE }], T0 + 2 * MINUTE);
    expect(limiter.size).toBe(1);
  });
});
