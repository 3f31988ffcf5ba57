import type { TillgateEvent } from '../protocol/index.js';
import { hmacHex, signedContent } from './hmac.js';

/**
 * Signs a payload the way the gateway signs deliveries, for your own tests of a webhook endpoint.
 * Send `body` exactly as returned, with `header` as `Tillgate-Signature`.
 *
 * @example
 * ```ts
 * const { body, header } = await signTestWebhook(event, 'whsec_test');
 * await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'tillgate-signature': header } });
 * ```
 */
export async function signTestWebhook(
  payload: TillgateEvent | string,
  secret: string,
  options: { timestamp?: Date } = {},
): Promise<{ body: string; header: string }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const t = Math.floor((options.timestamp ?? new Date()).getTime() / 1000);
  return { body, header: `t=${t},v1=${await hmacHex(secret, signedContent(t, body))}` };
}
