import type { Answer } from '../kit/index.js';

/** Cielo's error answer: a list of `{ Code, Message }` (its "Códigos de erros da API"). */
export class CieloApiError extends Error {
  override readonly name = 'CieloApiError';
  constructor(
    readonly status: number,
    readonly errors: ReadonlyArray<{ Code: number; Message: string }>,
  ) {
    super(errors.map((e) => `${e.Code} ${e.Message}`).join('; '));
  }
}

export const apiError = (status: number, code: number, message: string): CieloApiError =>
  new CieloApiError(status, [{ Code: code, Message: message }]);

export const errorAnswer = (err: CieloApiError): Answer => ({ status: err.status, body: err.errors });

/** What Cielo answers when it is down: code 0, "Internal error". */
export const unavailable = (status: number): Answer => ({ status, body: [{ Code: 0, Message: 'Internal error' }] });
