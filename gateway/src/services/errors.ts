import {
  ERROR_CATALOGUE,
  type ErrorCode,
  type FieldErrorDraft,
  type Problem,
  problemType,
} from '@tillgate/sdk/protocol';

/** A failure the caller can act on; the HTTP layer turns it into a problem document. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldErrorDraft[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError('not_found', `${what} ${id} does not exist`);

/**
 * The RFC 9457 document of a failure, as HTTP answers it and a WebSocket sends it in an `error` message; a field
 * error raised without a code goes out as `invalid`.
 */
export function problem(code: ErrorCode, detail?: string, errors?: FieldErrorDraft[], requestId?: string): Problem {
  const { status, title } = ERROR_CATALOGUE[code];
  const body: Problem = { type: problemType(code), code, title, status };
  if (detail) body.detail = detail;
  if (errors?.length)
    body.errors = errors.map((e) => ({ field: e.field, code: e.code ?? 'invalid', message: e.message }));
  if (requestId) body.request_id = requestId;
  return body;
}
