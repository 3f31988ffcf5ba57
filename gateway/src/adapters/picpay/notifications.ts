import { timingSafeEqual } from 'node:crypto';
import { ProviderAuthFailed, type ProviderEvent } from '../types.js';
import type { PicPayAccount } from './account.js';
import { eventsOf, notifiedReference, type StatusAnswer } from './mapper.js';

/** Where PicPay presents the seller token on every callback. */
export const SELLER_TOKEN_HEADER = 'x-seller-token';

/**
 * A callback: `{ referenceId, authorizationId }`, possibly a repeat (PicPay tries 21 more times while
 * we fail). Its body is never trusted: once the caller proved it holds the account's seller token, the
 * order is read back from PicPay and only its answer becomes events. An order PicPay does not know gives none.
 * The scheme has no timestamp, so there is no staleness to judge; a replayed callback only causes a re-read.
 */
export async function readNotification(
  input: { headers: Record<string, string>; rawBody: Buffer; account: PicPayAccount; now: Date },
  readStatus: (referenceId: string) => Promise<StatusAnswer | undefined>,
): Promise<ProviderEvent[]> {
  if (!sameToken(headerOf(input.headers, SELLER_TOKEN_HEADER), input.account.sellerToken))
    throw new ProviderAuthFailed('the notification does not carry this account’s seller token');
  const answer = await readStatus(notifiedReference(input.rawBody));
  return answer ? eventsOf(answer, input.now) : [];
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function sameToken(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
