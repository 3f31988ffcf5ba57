export const WEBHOOK_ERROR_CODES = [
  'missing_signature',
  'malformed_signature',
  'timestamp_out_of_tolerance',
  'signature_mismatch',
  'malformed_payload',
] as const;

export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/**
 * Thrown by {@link verifyWebhook} when a delivery cannot be trusted or read. Answer it with a 400: the
 * gateway records the attempt, and a genuine delivery will be retried.
 *
 * @example
 * ```ts
 * try {
 *   event = await verifyWebhook(rawBody, header, secret);
 * } catch (err) {
 *   if (err instanceof WebhookVerificationError) return res.status(400).json({ code: err.code });
 *   throw err;
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
  }
}
