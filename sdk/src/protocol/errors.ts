/**
 * The closed catalogue of problem codes the gateway answers with (RFC 9457 `code`, and `type` is
 * `urn:tillgate:error:<code>`). Each code has one HTTP status and one title.
 */
export const ERROR_CATALOGUE = {
  malformed_json: { status: 400, title: 'Request body is not valid JSON' },
  validation_failed: { status: 422, title: 'Request failed validation' },
  invalid_id: { status: 400, title: 'Identifier is malformed' },
  invalid_link: { status: 400, title: 'Link is not valid, was used or has expired' },
  invalid_cursor: { status: 400, title: 'Cursor is not one this endpoint returned' },
  invalid_content_encoding: { status: 400, title: 'Request body does not decode as its Content-Encoding says' },
  payload_too_large: { status: 413, title: 'Request body is too large' },
  unsupported_media_type: { status: 415, title: 'Request body has an unsupported media type' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Credentials are not valid' },
  invalid_token: { status: 401, title: 'Token is not valid or has expired' },
  refresh_token_reused: { status: 401, title: 'Refresh token was already used' },
  forbidden: { status: 403, title: 'Not allowed for these credentials' },
  account_not_activated: { status: 403, title: 'Account is not activated yet' },
  csrf_failed: { status: 403, title: 'CSRF token is missing or wrong' },
  account_locked: { status: 403, title: 'Log-in is locked after too many failures' },
  not_found: { status: 404, title: 'Resource not found' },
  route_not_found: { status: 404, title: 'No such endpoint' },
  email_taken: { status: 409, title: 'Email already has an account' },
  last_admin: { status: 409, title: 'The merchant would be left without an admin' },
  wallet_not_available: { status: 422, title: 'Wallet is not associated to this till' },
  till_not_found: { status: 422, title: 'Till does not exist or is inactive' },
  qr_mode_unsupported: { status: 422, title: "The wallet's provider cannot print a till's fixed QR" },
  items_total_mismatch: { status: 422, title: 'Items do not add up to the amount' },
  order_ref_contended: { status: 409, title: 'Orders with this order_ref are being created at once' },
  order_not_cancellable: { status: 409, title: 'Order cannot be cancelled' },
  order_not_refundable: { status: 409, title: 'Order cannot be refunded' },
  refund_exceeds_available: { status: 409, title: 'Refund exceeds the amount still refundable' },
  refund_not_supported: { status: 422, title: "The wallet's provider does not take this refund" },
  refund_window_closed: { status: 422, title: "The wallet's provider no longer refunds this payment" },
  amount_below_minimum: { status: 422, title: "Amount is below the wallet's minimum" },
  amount_above_maximum: { status: 422, title: "Amount is above the wallet's maximum" },
  app_name_taken: { status: 409, title: 'An app with this name exists' },
  idempotency_key_mismatch: { status: 422, title: 'Idempotency key was used with another request' },
  idempotency_key_in_progress: { status: 409, title: 'A request with this idempotency key is in progress' },
  rate_limited: { status: 429, title: 'Too many requests' },
  provider_unavailable: { status: 502, title: 'Payment provider is unavailable' },
  provider_rejected: { status: 422, title: 'Payment provider rejected the request' },
  internal_error: { status: 500, title: 'Internal error' },
  headers_too_large: { status: 431, title: 'Request line or headers are too large' },
  malformed_request: { status: 400, title: 'Request is not valid HTTP' },
  report_not_ready: { status: 409, title: 'Report file is not ready' },
  payment_link_closed: { status: 410, title: 'Payment link is paid, cancelled or expired' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export const problemType = (code: ErrorCode): string => `urn:tillgate:error:${code}`;

/**
 * What is wrong with one field, as a stable machine word a client can translate; the field error's
 * `message` says the same in English for a person reading the API, and may change.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'invalid_id',
  'invalid_cnpj',
  'range_inverted',
  'invalid',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** One offending field of a request: a dotted path (`items.0.quantity`), a `code` and what is wrong in English. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
}

/** A field error as code raises it: without a `code`, the problem document says `invalid`. */
export type FieldErrorDraft = Omit<FieldError, 'code'> & { code?: FieldErrorCode };

/** An RFC 9457 problem document as the gateway sends it. */
export interface Problem {
  type: string;
  code: ErrorCode;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  request_id?: string;
}
