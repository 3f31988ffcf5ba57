import { timingSafeEqual } from 'node:crypto';
import { ProviderAuthFailed, type ProviderEvent, ProviderRejected } from '../types.js';
import type { PixAccount } from './account.js';
import { type Cob, eventsOf, notifiedTxids } from './mapper.js';

/** Where the PSP presents the account's webhook secret; the intake route also fills it from `?secret=`. */
export const WEBHOOK_SECRET_HEADER = 'x-webhook-secret';

/**
 * A webhook call: `{ pix: [...] }`, possibly a batch, possibly a repeat. Its body is never trusted:
 * once the caller proved it knows the account's secret, each txid it names is read back from the PSP
 * and only what the PSP answers becomes events. A txid the PSP does not know gives none.
 */
export async function readNotification(
  input: { headers: Record<string, string>; rawBody: Buffer; account: PixAccount },
  readCob: (txid: string) => Promise<Cob | undefined>,
): Promise<ProviderEvent[]> {
  if (!sameSecret(input.headers[WEBHOOK_SECRET_HEADER], input.account.config.webhookSecret))
    throw new ProviderAuthFailed('the notification does not carry this account’s webhook secret');
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    throw new ProviderRejected('the notification body is not JSON');
  }
  const events: ProviderEvent[] = [];
  for (const txid of notifiedTxids(body)) {
    const cob = await readCob(txid);
    if (cob) events.push(...eventsOf(cob));
  }
  return events;
}

function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
