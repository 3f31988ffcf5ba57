import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderUnavailable } from './types.js';

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** Wait before the first retry; doubled before each next one. */
  retryDelayMs: number;
}

/**
 * A provider call, repeated with backoff when the provider was unavailable and the call is safe to send
 * again (a read, or a write naming its own target). A refusal, or an unsafe call, is thrown at once.
 */
export async function withRetries<T>(policy: RetryPolicy, safe: boolean, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!safe || !(err instanceof ProviderUnavailable) || n >= policy.retries) throw err;
      await sleep(policy.retryDelayMs * 2 ** n);
    }
  }
}
