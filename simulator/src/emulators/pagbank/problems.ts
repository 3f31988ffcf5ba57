import type { Answer } from '../kit/index.js';

/** A refusal in PagBank's words: HTTP status and `{ error_messages: [{ code, description, parameter_name? }] }`. */
export class PagBankError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    readonly parameterName?: string,
  ) {
    super(description);
  }

  answer(): Answer {
    return {
      status: this.status,
      body: {
        error_messages: [
          {
            code: this.code,
            description: this.description,
            ...(this.parameterName ? { parameter_name: this.parameterName } : {}),
          },
        ],
      },
    };
  }
}

/** A required field absent (40001) or a value PagBank will not take (40002), both 400 as PagBank answers them. */
export const missing = (parameter: string) => new PagBankError(400, '40001', 'required_parameter', parameter);
export const invalid = (parameter: string, description = 'invalid_parameter') =>
  new PagBankError(400, '40002', description, parameter);
export const notFound = (what: string) => new PagBankError(404, '40400', `${what} not found`);
export const unauthorized = () =>
  new PagBankError(401, 'UNAUTHORIZED', 'Invalid credential. Review AUTHORIZATION header');
export const unavailable = (status: number): Answer =>
  new PagBankError(status, String(status * 100), 'internal_server_error').answer();
