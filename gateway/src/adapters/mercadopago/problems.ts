import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';

/** A 4xx answer: final, with Mercado Pago's error code (`order_not_found`, `refund_amount_exceeds`, ...) kept. */
export class MercadopagoRefusal extends ProviderRejected {
  constructor(
    readonly status: number,
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** 403s that are a rule of the order, not a credential problem. */
const FORBIDDEN_BY_RULE = new Set(['partial_refund_forbidden_with_tips']);

interface ErrorBody {
  /** The Orders API: `{ errors: [{ code, message, details }] }`. */
  errors?: Array<{ code?: unknown; message?: unknown; details?: unknown }>;
  /** Older APIs (`/users/me`, `/pos`): `{ message, error, status, cause }`. */
  message?: unknown;
  error?: unknown;
}

/**
 * Turns a non-2xx answer into our typed error, keeping Mercado Pago's words: the first error's code,
 * then every message. 423 (another request is working on the same order) is worth trying again.
 */
export function errorFor(status: number, body: unknown, what: string): Error {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const listed = Array.isArray(b.errors) ? b.errors : [];
  const code =
    typeof listed[0]?.code === 'string' ? listed[0].code : typeof b.error === 'string' ? b.error : `HTTP ${status}`;
  const messages = [
    ...listed.flatMap((e) => [e.message, ...(Array.isArray(e.details) ? e.details : [])]),
    b.message,
  ].filter((m): m is string => typeof m === 'string' && m.length > 0);
  const reason = `${what}: ${code}${messages.length ? ` – ${messages.join('; ')}` : ''}`;
  if (status === 401 || (status === 403 && !FORBIDDEN_BY_RULE.has(code))) return new ProviderAuthFailed(reason);
  if (status === 408 || status === 423 || status === 429 || status >= 500) return new ProviderUnavailable(reason);
  return new MercadopagoRefusal(status, code, reason);
}
