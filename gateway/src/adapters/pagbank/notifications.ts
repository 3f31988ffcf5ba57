import { createHash, timingSafeEqual } from 'node:crypto';
import { ProviderAuthFailed, type ProviderEvent, ProviderRejected } from '../types.js';
import { jsonOrUndefined } from './json.js';
import { eventsOf, type PagBankOrder } from './mapper.js';

/** Where PagBank puts its signature of a notification. */
export const AUTHENTICITY_HEADER = 'x-authenticity-token';

/**
 * PagBank's signature of a notification: SHA-256, in hex, of the account's token, a hyphen and the body
 * exactly as sent. Computed over the raw bytes: a body parsed and printed again is not what was signed.
 */
export function authenticityTokenOf(token: string, rawBody: Buffer): string {
  return createHash('sha256').update(`${token}-`, 'utf8').update(rawBody).digest('hex');
}

/** Whether the notification carries this token's signature of these very bytes (compared in constant time). */
export function isAuthentic(headers: Record<string, string>, rawBody: Buffer, token: string): boolean {
  const presented = headerOf(headers, AUTHENTICITY_HEADER)?.trim().toLowerCase();
  if (!presented) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(authenticityTokenOf(token, rawBody))];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A notification: the order as PagBank saw it when something changed. It is signed but carries no
 * time, so a replay cannot be told from a repeat; neither matters, because the body is never acted on:
 * once its signature holds, the order it names is read back from PagBank and only that answer becomes
 * events. An order PagBank does not know gives none.
 */
export async function readNotification(
  input: { headers: Record<string, string>; rawBody: Buffer; token: string },
  readOrder: (orderId: string) => Promise<PagBankOrder | undefined>,
): Promise<ProviderEvent[]> {
  if (!isAuthentic(input.headers, input.rawBody, input.token))
    throw new ProviderAuthFailed('the notification does not carry this account’s PagBank signature');
  const body = jsonOrUndefined(input.rawBody.toString('utf8'));
  if (body === undefined) throw new ProviderRejected('the PagBank notification body is not JSON');
  const id = (body as { id?: unknown } | null)?.id;
  // Orders API notifications are the order; anything else names no order of ours.
  if (typeof id !== 'string' || !id.startsWith('ORDE_')) return [];
  const order = await readOrder(id);
  return order ? eventsOf(order) : [];
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
