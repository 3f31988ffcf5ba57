import type { TillgateEvent } from '../protocol/index.js';
import { WebhookVerificationError } from './errors.js';
import { type VerifyOptions, verifyWebhook } from './verify.js';

/** The parts of an express (or plain Node) request the handler reads. */
export interface WebhookRequest extends AsyncIterable<Uint8Array | string> {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** The parts of an express response the handler writes. */
export interface WebhookResponse {
  status(code: number): { json(body: unknown): unknown; end(): unknown };
}

export interface WebhookHandlerOptions extends VerifyOptions {
  secret: string | readonly string[];
  /** Runs for each verified event; throwing makes the answer a failure, so the gateway delivers it again. */
  onEvent(event: TillgateEvent): unknown;
}

/**
 * An express route handler for webhook deliveries: it reads the raw body itself (mount it before any
 * JSON body parser, or behind `express.raw()`), verifies the signature, runs `onEvent`, and answers
 * 204, or 400 for a delivery that does not verify. An error from `onEvent` goes to `next`.
 *
 * @example
 * ```ts
 * app.post('/webhooks/tillgate', webhookHandler({ secret, onEvent: (event) => queue.add(event) }));
 * ```
 */
export function webhookHandler(options: WebhookHandlerOptions) {
  return async (req: WebhookRequest, res: WebhookResponse, next?: (err: unknown) => void): Promise<void> => {
    let event: TillgateEvent;
    try {
      event = await verifyWebhook(await rawBodyOf(req), req.headers['tillgate-signature'], options.secret, options);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) return fail(err, res, next);
      res.status(400).json({ code: err.code, detail: err.message });
      return;
    }
    try {
      await options.onEvent(event);
    } catch (err) {
      return fail(err, res, next);
    }
    res.status(204).end();
  };
}

function fail(err: unknown, res: WebhookResponse, next?: (err: unknown) => void): void {
  if (next) next(err);
  else res.status(500).json({ code: 'internal_error' });
}

async function rawBodyOf(req: WebhookRequest): Promise<string | Uint8Array> {
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body;
  if (req.body !== undefined && req.body !== null && Object.keys(req.body).length > 0)
    throw new Error('The body was already parsed; mount webhookHandler before express.json() or use express.raw()');
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  const raw = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    raw.set(chunk, offset);
    offset += chunk.length;
  }
  return raw;
}
