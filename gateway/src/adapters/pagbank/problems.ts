import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';

/** A PagBank 4xx answer: final, with its error codes (`40002`, `invalid_parameter`, ...) kept for callers. */
export class PagBankRefusal extends ProviderRejected {
  constructor(
    readonly status: number,
    readonly codes: readonly string[],
    reason: string,
  ) {
    super(reason);
  }
}

interface ErrorMessage {
  code?: unknown;
  error?: unknown;
  description?: unknown;
  parameter_name?: unknown;
}

/**
 * Turns a non-2xx answer into our typed error, keeping PagBank's own words. Its errors come as
 * `{ "error_messages": [{ "code": "40002", "description": "invalid_parameter", "parameter_name": "…" }] }`
 * (the Checkout and Recurring APIs put the code in `error` instead; both are read).
 */
export function errorFor(status: number, body: unknown, what: string): Error {
  const list = (body as { error_messages?: unknown } | undefined)?.error_messages;
  const messages: ErrorMessage[] = Array.isArray(list) ? list.filter((m) => typeof m === 'object' && m !== null) : [];
  const codes = messages.flatMap((m) => [m.code, m.error].filter((c): c is string => typeof c === 'string'));
  const detail = messages
    .map((m) => {
      const text = [m.code, m.error, m.description].filter((p) => typeof p === 'string').join(' ');
      return typeof m.parameter_name === 'string' ? `${text} (${m.parameter_name})` : text;
    })
    .join('; ');
  const reason = `${what}: HTTP ${status}${detail ? ` – ${detail}` : ''}`;
  if (status === 401 || status === 403) return new ProviderAuthFailed(reason);
  if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailable(reason);
  return new PagBankRefusal(status, codes, reason);
}
