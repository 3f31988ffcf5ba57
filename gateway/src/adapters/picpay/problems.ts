import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';

/** PicPay's 4xx answer: final, with its status kept for callers that branch on it (a 404 is an unknown order). */
export class PicPayRefusal extends ProviderRejected {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

interface ErrorBody {
  message?: unknown;
  errors?: Array<{ field?: unknown; message?: unknown }>;
}

/**
 * Turns a non-2xx answer into our typed error, keeping PicPay's words: its `message` and each of its
 * `errors[]` (`message` at `field`), as its API reference shows them for 401, 422 and 500.
 */
export function errorFor(status: number, body: unknown, what: string): Error {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const details = Array.isArray(b.errors)
    ? b.errors.map((e) => (e.field ? `${String(e.message)} (${String(e.field)})` : String(e.message)))
    : [];
  const words = [typeof b.message === 'string' ? b.message : '', ...details].filter(Boolean).join('; ');
  const reason = `${what}: HTTP ${status}${words ? ` – ${words}` : ''}`;
  if (status === 401 || status === 403) return new ProviderAuthFailed(reason);
  if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailable(reason);
  return new PicPayRefusal(status, reason);
}
