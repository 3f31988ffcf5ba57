import type { ErrorCode, FieldError, Problem } from './protocol/index.js';

/** Every `code` a {@link TillgateError} can carry: the gateway's catalogue, plus the two the SDK adds. */
export type TillgateErrorCode =
  | ErrorCode
  /** The gateway could not be reached, or did not answer in time. */
  | 'connection_error'
  /** The gateway (or a proxy in front of it) answered with something that is not a problem document. */
  | 'unexpected_response';

/** The fields of a failure, as the gateway sends them (RFC 9457) or as the SDK makes them up for a connection error. */
export interface ErrorDetails {
  code: TillgateErrorCode;
  title: string;
  status?: number | undefined;
  type?: string | undefined;
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
  request_id?: string | undefined;
}

/**
 * The base of every error the client throws. Catch it to handle any Tillgate failure, or one of its
 * subclasses to handle one category; `code` tells the exact case.
 *
 * @example
 * ```ts
 * try {
 *   await tillgate.orders.refunds.create(orderId, { amount: 500 });
 * } catch (err) {
 *   if (err instanceof TillgateConflictError && err.code === 'refund_exceeds_available') showRemaining();
 *   else throw err;
 * }
 * ```
 */
export class TillgateError extends Error {
  override readonly name: string = 'TillgateError';
  readonly code: TillgateErrorCode;
  /** The HTTP status; absent when no answer came. */
  readonly status: number | undefined;
  readonly type: string | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  /** The offending fields of a request that failed validation. */
  readonly errors: FieldError[];
  /** Quote it when asking for support: the gateway logs it. */
  readonly requestId: string | undefined;

  constructor(details: ErrorDetails, options?: { cause?: unknown }) {
    super(details.detail ? `${details.title}: ${details.detail}` : details.title, options);
    this.code = details.code;
    this.status = details.status;
    this.type = details.type;
    this.title = details.title;
    this.detail = details.detail;
    this.errors = details.errors ?? [];
    this.requestId = details.request_id;
  }
}

/** 400, 413, 415 and 422: the request itself is wrong; `errors` names the fields. Retrying will not help. */
export class TillgateValidationError extends TillgateError {
  override readonly name = 'TillgateValidationError';
}

/** 401: missing, wrong or expired credentials. */
export class TillgateAuthenticationError extends TillgateError {
  override readonly name = 'TillgateAuthenticationError';
}

/** 403: valid credentials that may not do this (a client secret writing, a till naming another till). */
export class TillgatePermissionError extends TillgateError {
  override readonly name = 'TillgatePermissionError';
}

/** 404: no such resource for these credentials. */
export class TillgateNotFoundError extends TillgateError {
  override readonly name = 'TillgateNotFoundError';
}

/** 409: the resource's state forbids it (cancelling a paid order, refunding more than was paid). */
export class TillgateConflictError extends TillgateError {
  override readonly name = 'TillgateConflictError';
}

/** 429: too many requests; the client already waited `Retry-After` and retried before throwing this. */
export class TillgateRateLimitError extends TillgateError {
  override readonly name = 'TillgateRateLimitError';
  /** Seconds the gateway asked to wait, when it said. */
  readonly retryAfter: number | undefined;

  constructor(details: ErrorDetails, retryAfter: number | undefined) {
    super(details);
    this.retryAfter = retryAfter;
  }
}

/** The gateway could not be reached or did not answer within the timeout, after every retry. */
export class TillgateConnectionError extends TillgateError {
  override readonly name = 'TillgateConnectionError';
}

/** The payment provider (bank or wallet) was unreachable or refused; `detail` carries its words. */
export class TillgateProviderError extends TillgateError {
  override readonly name = 'TillgateProviderError';
}

/** 5xx: the gateway failed; nothing was written, so the request may be retried. */
export class TillgateAPIError extends TillgateError {
  override readonly name = 'TillgateAPIError';
}

const PROVIDER_CODES: ReadonlySet<TillgateErrorCode> = new Set(['provider_unavailable', 'provider_rejected']);

/**
 * The one mapping from an answer to an error class: provider codes first, then the HTTP status.
 *
 * @example
 * ```ts
 * const error = errorFromProblem({ code: 'not_found', status: 404, title: 'Resource not found' });
 * error instanceof TillgateNotFoundError; // true
 * ```
 */
export function errorFromProblem(details: ErrorDetails | Problem, retryAfter?: number): TillgateError {
  const status = details.status;
  if (PROVIDER_CODES.has(details.code)) return new TillgateProviderError(details);
  if (status === undefined) return new TillgateConnectionError(details);
  if (status === 401) return new TillgateAuthenticationError(details);
  if (status === 403) return new TillgatePermissionError(details);
  if (status === 404) return new TillgateNotFoundError(details);
  if (status === 409) return new TillgateConflictError(details);
  if (status === 429) return new TillgateRateLimitError(details, retryAfter);
  if (status >= 500) return new TillgateAPIError(details);
  if (status >= 400) return new TillgateValidationError(details);
  return new TillgateError(details);
}
