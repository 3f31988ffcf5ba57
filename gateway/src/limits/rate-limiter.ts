/** One counter to bump: its key and the length of the window it counts in. */
export interface Hit {
  key: string;
  windowMs: number;
}

/**
 * The narrow port every rate limit goes through: counts hits in fixed windows aligned on `nowMs`
 * (passed in, so a test's clock moves windows without sleeping) and answers each key's count in its
 * current window, this hit included. All the hits of one request take one round trip.
 */
export interface RateLimiter {
  hit(hits: readonly Hit[], nowMs: number): Promise<number[]>;
  close(): Promise<void>;
}

/** The start of the window `nowMs` falls in; every instance agrees on it, whatever its start time. */
export const windowStart = (nowMs: number, windowMs: number): number => nowMs - (nowMs % windowMs);
