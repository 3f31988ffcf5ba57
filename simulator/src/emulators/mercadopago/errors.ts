import { MalformedBody } from '../kit/index.js';

/** An Orders API error, answered as Mercado Pago writes it: `{ errors: [{ code, message, details }] }`. */
export class MercadopagoError extends Error {
  override readonly name = 'MercadopagoError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** What a thrown error answers: itself, a 400 for a body that is not JSON, else Mercado Pago's 500. */
  static of(err: unknown): MercadopagoError {
    if (err instanceof MercadopagoError) return err;
    if (err instanceof MalformedBody) return new MercadopagoError(400, 'bad_request', 'The body is not valid JSON.');
    return new MercadopagoError(500, 'internal_error', String((err as Error)?.message ?? err));
  }

  get body(): unknown {
    return { errors: [{ code: this.code, message: this.message, details: [] }] };
  }
}

/** An error of the older APIs (stores, POS), answered as they write it: `{ message, error, status, cause }`. */
export class LegacyMercadopagoError extends MercadopagoError {
  override get body(): unknown {
    return { message: this.message, error: this.code, status: this.status, cause: [] };
  }
}

export const legacyError = (status: number, code: string, message: string) =>
  new LegacyMercadopagoError(status, code, message);

export const badRequest = (code: string, message: string) => new MercadopagoError(400, code, message);
export const conflict = (code: string, message: string) => new MercadopagoError(409, code, message);

export const orderNotFound = () =>
  new MercadopagoError(
    404,
    'order_not_found',
    'The value sent as Order ID does not correspond to a created order, therefore it could not be found.',
  );
