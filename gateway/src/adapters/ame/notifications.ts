import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProviderAuthFailed, ProviderRejected } from '../types.js';
import type { AmeAccount } from './account.js';
import { notifiedOrderId } from './mapper.js';

/**
 * Where the callback secret arrives. Ame signs nothing and sends no header of ours, so the secret rides
 * in the callback URL's query (`?secret=`), which the gateway's notification route copies into this
 * header before the adapter sees the call (as it does for API Pix PSPs).
 */
export const CALLBACK_SECRET_HEADER = 'x-webhook-secret';

/**
 * The account's callback secret: an HMAC of its id under its client secret. Nobody types or stores it,
 * it differs per account, and only someone holding the client secret (or a URL Ame was given) can call
 * us in its name. Changing the client secret changes it: callbacks of orders created before are then
 * refused, and the reconciler reads those orders instead.
 */
export function callbackSecret(account: AmeAccount): string {
  return createHmac('sha256', account.config.client_secret)
    .update(`tillgate:ame:callback:${account.id}`)
    .digest('base64url')
    .slice(0, 32);
}

/** The URL Ame is given on each order: the gateway's route for this account, carrying its secret. */
export function callbackUrl(notificationUrl: string, account: AmeAccount): string {
  const url = new URL(notificationUrl);
  url.searchParams.set('secret', callbackSecret(account));
  return url.toString();
}

/**
 * A callback: Ame's payment ("transaction") object, unsigned. Its body is never trusted: once the caller
 * proved it knows this account's callback secret, only the order it names is taken from it, and that
 * order is read back from Ame. A stranger without the secret cannot make us call Ame at all.
 */
export function verifiedOrderId(input: {
  headers: Record<string, string>;
  rawBody: Buffer;
  account: AmeAccount;
}): string {
  if (!sameSecret(input.headers[CALLBACK_SECRET_HEADER], callbackSecret(input.account)))
    throw new ProviderAuthFailed('the notification does not carry this account’s callback secret');
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    throw new ProviderRejected('the notification body is not JSON');
  }
  return notifiedOrderId(body);
}

function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
