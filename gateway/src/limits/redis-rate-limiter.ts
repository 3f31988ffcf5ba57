import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Hit, type RateLimiter, windowStart } from './rate-limiter.js';

const COMMAND_TIMEOUT_MS = 1000;
const FIRST_CONNECTION_MS = 2000;
const FIXED_WINDOW = readFileSync(new URL('./fixed-window.lua', import.meta.url), 'utf8');

/**
 * Counters shared by every instance on one Redis: one Lua call per request (INCR each key, PEXPIRE the
 * new ones). Keys carry the deployment's namespace and their window's start. While Redis is down the
 * limiter lets requests through rather than stopping payments, and logs it once per outage.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private down = false;
  /** Settles once the first connection is ready or has had its chance; a request never waits longer. */
  private readonly firstConnection: Promise<void>;

  constructor(
    url: string,
    namespace: string,
    private readonly log: Logger,
  ) {
    this.prefix = `tillgate:${namespace}:rate:`;
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (n: number) => Math.min(n * 200, 2000),
    });
    this.firstConnection = new Promise((resolve) => {
      const timer = setTimeout(resolve, FIRST_CONNECTION_MS).unref();
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.redis.on('error', () => {
      // Reported by hit() once per outage; ioredis reconnects by itself.
    });
    this.redis.defineCommand('tillgateFixedWindow', { lua: FIXED_WINDOW });
  }

  async hit(hits: readonly Hit[], nowMs: number): Promise<number[]> {
    if (hits.length === 0) return [];
    const keys = hits.map(({ key, windowMs }) => `${this.prefix}${key}:${windowStart(nowMs, windowMs)}`);
    // The counter outlives its window a little, so a caller whose clock lags the others' still finds it.
    const ttls = hits.map(({ windowMs }) => String(windowMs + 1000));
    try {
      await this.firstConnection;
      const run = (this.redis as unknown as FixedWindowCommand).tillgateFixedWindow;
      const counts = await run.call(this.redis, keys.length, ...keys, ...ttls);
      this.down = false;
      return counts.map(Number);
    } catch (err) {
      if (!this.down) this.log.warn({ err: (err as Error).message }, 'rate limiter: redis unreachable, not limiting');
      this.down = true;
      return hits.map(() => 0);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

interface FixedWindowCommand {
  tillgateFixedWindow(numKeys: number, ...args: string[]): Promise<Array<number | string>>;
}
