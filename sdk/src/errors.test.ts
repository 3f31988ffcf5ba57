import { describe, expect, it } from 'vitest';
import {
  errorFromProblem,
  TillgateAPIError,
  TillgateAuthenticationError,
  TillgateConflictError,
  TillgateConnectionError,
  TillgateError,
  TillgateNotFoundError,
  TillgatePermissionError,
  TillgateProviderError,
  TillgateRateLimitError,
  TillgateValidationError,
} from './errors.js';
import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode } from './protocol/index.js';

const CATEGORY: Record<ErrorCode, abstract new (...args: never[]) => TillgateError> = {
  malformed_json: TillgateValidationError,
  validation_failed: TillgateValidationError,
  invalid_id: TillgateValidationError,
  invalid_link: TillgateValidationError,
  invalid_cursor: TillgateValidationError,
  invalid_content_encoding: TillgateValidationError,
  payload_too_large: TillgateValidationError,
  unsupported_media_type: TillgateValidationError,
  unauthenticated: TillgateAuthenticationError,
  invalid_credentials: TillgateAuthenticationError,
  invalid_token: TillgateAuthenticationError,
  refresh_token_reused: TillgateAuthenticationError,
  forbidden: TillgatePermissionError,
  account_not_activated: TillgatePermissionError,
  csrf_failed: TillgatePermissionError,
  account_locked: TillgatePermissionError,
  not_found: TillgateNotFoundError,
  route_not_found: TillgateNotFoundError,
  email_taken: TillgateConflictError,
  last_admin: TillgateConflictError,
  wallet_not_available: TillgateValidationError,
  till_not_found: TillgateValidationError,
  qr_mode_unsupported: TillgateValidationError,
  items_total_mismatch: TillgateValidationError,
  order_ref_contended: TillgateConflictError,
  order_not_cancellable: TillgateConflictError,
  order_not_refundable: TillgateConflictError,
  refund_exceeds_available: TillgateConflictError,
  refund_not_supported: TillgateValidationError,
  refund_window_closed: TillgateValidationError,
  amount_below_minimum: TillgateValidationError,
  amount_above_maximum: TillgateValidationError,
  app_name_taken: TillgateConflictError,
  idempotency_key_mismatch: TillgateValidationError,
  idempotency_key_in_progress: TillgateConflictError,
  rate_limited: TillgateRateLimitError,
  provider_unavailable: TillgateProviderError,
  provider_rejected: TillgateProviderError,
  internal_error: TillgateAPIError,
  headers_too_large: TillgateValidationError,
  malformed_request: TillgateValidationError,
  report_not_ready: TillgateConflictError,
  payment_link_closed: TillgateValidationError,
};

describe('errorFromProblem', () => {
  it.each(ERROR_CODES)('maps %s to its category with every problem field', (code) => {
    const { status, title } = ERROR_CATALOGUE[code];
    const error = errorFromProblem({ type: `urn:tillgate:error:${code}`, code, title, status, request_id: 'req_1' });
    expect(error).toBeInstanceOf(CATEGORY[code]);
    expect(error).toBeInstanceOf(TillgateError);
    expect(error).toMatchObject({ code, status, title, requestId: 'req_1', type: `urn:tillgate:error:${code}` });
    expect(error.name).toBe(CATEGORY[code].name);
  });

  it('makes a failure without an answer a connection error', () => {
    const error = errorFromProblem({ code: 'connection_error', title: 'The gateway could not be reached' });
    expect(error).toBeInstanceOf(TillgateConnectionError);
    expect(error.status).toBeUndefined();
  });
});
