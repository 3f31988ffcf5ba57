import type { ErrorCode, FieldErrorDraft } from '@tillgate/sdk/protocol';

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
