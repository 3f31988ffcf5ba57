import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';

/** A 4xx from Cielo: final, with its status and API error codes kept for callers that branch on them. */
export class CieloRefusal extends ProviderRejected {
  constructor(
    readonly status: number,
    readonly codes: readonly number[],
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * API error codes that mean the credentials are wrong rather than the request ("Códigos de erros da API"):
 * 101 MerchantId is required, 114 not a GUID, 115 not found (or of the other environment), 116 blocked.
 * A wrong MerchantKey is assumed to answer 401 (README).
 */
const CREDENTIAL_CODES = new Set([101, 114, 115, 116]);

interface ApiError {
  Code?: unknown;
  Message?: unknown;
  ReturnCode?: unknown;
  ReturnMessage?: unknown;
}

/**
 * Turns a non-2xx answer into our typed error. Cielo answers validation errors as a list of
 * `{ Code, Message }` (some pages show `{ ReturnCode, ReturnMessage }`); every one is kept in the reason.
 */
export function errorFor(status: number, body: unknown, what: string): Error {
  const errors = (Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : []) as ApiError[];
  const codes = errors.map((e) => Number(e.Code ?? e.ReturnCode)).filter(Number.isFinite);
  const messages = errors.map((e) => {
    const code = e.Code ?? e.ReturnCode;
    const message = e.Message ?? e.ReturnMessage;
    return `${code === undefined ? '' : `${String(code)} `}${message === undefined ? '' : String(message)}`.trim();
  });
  const reason = `${what}: HTTP ${status}${messages.length ? ` – ${messages.join('; ')}` : ''}`;
  if (status === 401 || status === 403 || codes.some((c) => CREDENTIAL_CODES.has(c)))
    return new ProviderAuthFailed(reason);
  if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailable(reason);
  return new CieloRefusal(status, codes, reason);
}
