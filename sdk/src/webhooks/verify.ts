import type { TillgateEvent } from '../protocol/index.js';
import { WebhookVerificationError } from './errors.js';
import { hmacMatches, signedContent } from './hmac.js';

export const SIGNATURE_HEADER = 'Tillgate-Signature';

/**
 * @example
 * ```ts
 * { tolerance: 300, now: () => new Date() }
 * ```
 */
export interface VerifyOptions {
  /** Seconds a signature's timestamp may be away from now; default 300. Stops replays of old deliveries. */
  tolerance?: number;
  /** The clock; injected by tests. */
  now?: () => Date;
}

const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Checks a webhook delivery's `Tillgate-Signature` header (`t=<unix>,v1=<hex HMAC-SHA256>`) against the
 * raw request body and returns the event it carries. Pass the body exactly as received: parsed and
 * re-serialised JSON no longer matches its signature. Several `v1` entries (during a secret rotation)
 * are accepted if any matches; `secret` may also be a list.
 *
 * @example
 * ```ts
 * const event = await verifyWebhook(rawBody, req.headers['tillgate-signature'], process.env.TILLGATE_WEBHOOK_SECRET);
 * if (event.type === 'order.approved') fulfil(event.data.order);
 * ```
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  header: string | string[] | null | undefined,
  secret: string | readonly string[],
  options: VerifyOptions = {},
): Promise<TillgateEvent> {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new WebhookVerificationError('missing_signature', `No ${SIGNATURE_HEADER} header`);
  const { timestamp, signatures } = parseHeader(value);
  const now = (options.now?.() ?? new Date()).getTime() / 1000;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance)
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `The signature is ${Math.round(now - timestamp)} s old; at most ${tolerance} s is accepted`,
    );
  const content = signedContent(timestamp, rawBody);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  for (const s of secrets)
    for (const signature of signatures) if (await hmacMatches(s, content, signature)) return parseEvent(rawBody);
  throw new WebhookVerificationError('signature_mismatch', 'No signature matches the body and secret');
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0)
    throw new WebhookVerificationError(
      'malformed_signature',
      `Expected ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>`,
    );
  return { timestamp, signatures };
}

function parseEvent(rawBody: string | Uint8Array): TillgateEvent {
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('malformed_payload', 'The body is not JSON');
  }
  const e = event as Partial<TillgateEvent> | null;
  if (typeof e?.id !== 'string' || typeof e.type !== 'string' || typeof e.seq !== 'number')
    throw new WebhookVerificationError('malformed_payload', 'The body is not a Tillgate event');
  return e as TillgateEvent;
}
