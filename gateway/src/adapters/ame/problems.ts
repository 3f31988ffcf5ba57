import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';

/** Ame's 4xx answer: final, with its `error` classification kept for callers that branch on it. */
export class AmeRefusal extends ProviderRejected {
  constructor(
    readonly status: number,
    readonly error: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Turns a non-2xx answer into our typed error. Ame documents one error body for every call:
 * `{ "error": classification, "error_description": text }`.
 */
export function errorFor(status: number, body: unknown, what: string): Error {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; error_description?: unknown };
  const error = typeof b.error === 'string' ? b.error : `HTTP ${status}`;
  const description = typeof b.error_description === 'string' ? ` – ${b.error_description}` : '';
  const reason = `${what}: ${error}${description}`;
  if (status === 401 || status === 403) return new ProviderAuthFailed(reason);
  if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailable(reason);
  return new AmeRefusal(status, error, reason);
}
