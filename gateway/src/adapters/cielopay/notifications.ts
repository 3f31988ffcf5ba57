import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { ProviderAuthFailed, type ProviderEvent } from '../types.js';
import type { CieloAccount } from './account.js';
import { eventsOf, readNotificationBody, type Sale, STATUS_CHANGED } from './mapper.js';

/**
 * A Notification Post: `{ PaymentId, ChangeType }`, unsigned. Cielo authenticates it only by the static
 * header the merchant registered in its portal (name and value, kept on the account), compared here in
 * constant time. Its body is then never trusted: the sale it names is read back from the query host,
 * and only what Cielo answers becomes events. A sale Cielo does not know gives none.
 */
export async function readNotification(
  input: { headers: Record<string, string>; rawBody: Buffer; account: CieloAccount },
  readSale: (paymentId: string) => Promise<Sale | undefined>,
  log: Logger,
): Promise<ProviderEvent[]> {
  const { notification_header, notification_token } = input.account.config;
  if (!sameToken(headerOf(input.headers, notification_header), notification_token))
    throw new ProviderAuthFailed('the notification does not carry this account’s registered header');
  const notification = readNotificationBody(input.rawBody);
  if (notification.ChangeType !== STATUS_CHANGED) {
    // Recurrences, anti-fraud, a refund Cielo denied (5): none moves an order; kept in the log for a person.
    log.info(
      { provider_account_id: input.account.id, change_type: notification.ChangeType },
      'Cielo notification that changes no payment status; re-read anyway',
    );
  }
  const sale = await readSale(notification.PaymentId);
  return sale ? eventsOf(sale) : [];
}

/** Header names are case-insensitive; Node lower-cases them, a test may not. */
function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Compared as digests: constant time whatever the lengths, so a wrong guess tells nothing of the token. */
function sameToken(presented: string | undefined, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}
