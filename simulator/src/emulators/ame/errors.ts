/** Ame's one error body for every call: `{ "error": classification, "error_description": text }`. */
export class AmeError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }

  toJSON(): Record<string, unknown> {
    return { error: this.error, error_description: this.message };
  }
}

export const invalid = (description: string, error = 'invalid_request'): AmeError =>
  new AmeError(400, error, description);

export const notFound = (description: string): AmeError => new AmeError(404, 'not_found', description);

export const unauthorized = (description: string): AmeError => new AmeError(401, 'unauthorized', description);

export const unavailable = (status: number): AmeError =>
  new AmeError(status, 'internal_server_error', 'Internal server error, try again (emulated)');
