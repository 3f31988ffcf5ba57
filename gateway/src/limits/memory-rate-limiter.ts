import { type Hit, type RateLimiter, windowStart } from './rate-limiter.js';

interface Window {
  count: number;
  endsAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Counters in this process, for a single instance. Memory is bounded: ended windows are swept once a
 * minute (of the clock passed in), and past `maxKeys` the oldest counters are dropped first.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly maxKeys = 100_000) {}

  async hit(hits: readonly Hit[], nowMs: number): Promise<number[]> {
    if (nowMs >= this.nextSweepAt) this.sweep(nowMs);
    return hits.map(({ key, windowMs }) => {
      const start = windowStart(nowMs, windowMs);
      const id = `${key}:${start}`;
      let window = this.windows.get(id);
      if (!window) {
        this.makeRoom();
        window = { count: 0, endsAt: start + windowMs };
        this.windows.set(id, window);
      }
      window.count += 1;
      return window.count;
    });
  }

  /** How many counters are held; for the bound's test. */
  get size(): number {
    return this.windows.size;
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private sweep(nowMs: number): void {
    for (const [id, window] of this.windows) if (window.endsAt <= nowMs) this.windows.delete(id);
    this.nextSweepAt = nowMs + SWEEP_EVERY_MS;
  }

  /** Maps iterate in insertion order: the first keys are the oldest windows. */
  private makeRoom(): void {
    for (const id of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) return;
      this.windows.delete(id);
    }
  }
}
