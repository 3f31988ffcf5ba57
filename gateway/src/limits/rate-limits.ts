import type { Clock } from '../domain/clock.js';
import { ApiError } from '../services/errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RateLimitRules, RateRule, RateRuleName } from './rules.js';

/** One limit to count a request against: a rule and the key it counts by (an IP, a till, an email). */
export interface LimitKey {
  rule: RateRuleName;
  key: string;
}

interface Counted {
  name: RateRuleName;
  rule: RateRule;
  count: number;
  resetMs: number;
}

/**
 * The one place a request is counted against the configured limits and refused when over one: a 429
 * `rate_limited` with `Retry-After` and the IETF `RateLimit-Policy` / `RateLimit` headers
 * (draft-ietf-httpapi-ratelimit-headers). Rules that are off cost nothing.
 */
export class RateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly rules: Partial<RateLimitRules>,
    private readonly clock: Clock,
  ) {}

  /** Counts the request; throws the 429 when a limit is passed, else answers the headers to send. */
  async take(keys: readonly LimitKey[]): Promise<Record<string, string>> {
    const counted = await this.count(keys);
    const over = counted.filter((c) => c.count > c.rule.limit);
    if (over.length > 0) {
      const retryAfter = Math.max(...over.map((c) => Math.ceil(c.resetMs / 1000)));
      const detail = `Too many requests (${over.map((c) => c.name).join(', ')}); retry after ${retryAfter} s`;
      throw new ApiError('rate_limited', detail, undefined, { 'Retry-After': String(retryAfter), ...headers(counted) });
    }
    return headers(counted);
  }

  /** Counts the request and answers whether it is within every limit, for callers that must not say so. */
  async allows(keys: readonly LimitKey[]): Promise<boolean> {
    return (await this.count(keys)).every((c) => c.count <= c.rule.limit);
  }

  private async count(keys: readonly LimitKey[]): Promise<Counted[]> {
    const active = keys.flatMap(({ rule: name, key }) => {
      const rule = this.rules[name];
      return rule ? [{ name, rule, key: `${name}:${key}` }] : [];
    });
    if (active.length === 0) return [];
    const nowMs = this.clock.now().getTime();
    const counts = await this.limiter.hit(
      active.map((a) => ({ key: a.key, windowMs: a.rule.windowMs })),
      nowMs,
    );
    return active.map(({ name, rule }, i) => ({
      name,
      rule,
      count: counts[i] ?? 0,
      resetMs: rule.windowMs - (nowMs % rule.windowMs),
    }));
  }
}

function headers(counted: readonly Counted[]): Record<string, string> {
  if (counted.length === 0) return {};
  const policy = counted.map((c) => `"${c.name}";q=${c.rule.limit};w=${c.rule.windowMs / 1000}`);
  const state = counted.map(
    (c) => `"${c.name}";r=${Math.max(0, c.rule.limit - c.count)};t=${Math.ceil(c.resetMs / 1000)}`,
  );
  return { 'RateLimit-Policy': policy.join(', '), RateLimit: state.join(', ') };
}
