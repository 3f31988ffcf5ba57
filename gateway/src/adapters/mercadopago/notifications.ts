import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import { ProviderAuthFailed, type ProviderEvent, ProviderRejected } from '../types.js';
import { eventsOf, type MercadopagoOrder, notifiedResource } from './mapper.js';

/** How far a notification's `ts` may be from our clock, either way, before it is refused as a replay. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export interface SignedNotification {
  headers: Record<string, string>;
  rawBody: Buffer;
  /** The account's webhook secret ("assinatura secreta" of the application in Suas integrações). */
  secret: string;
  clock: Clock;
}

/**
 * A Mercado Pago notification, `{ type: "order", action, data: { id } }`. Its body is never trusted:
 * once the `x-signature` proves Mercado Pago sent it for that order id, the order is read back and only
 * what the API answers becomes events. An order the API does not know gives none.
 */
export async function readNotification(
  input: SignedNotification,
  readOrder: (orderId: string) => Promise<MercadopagoOrder | undefined>,
): Promise<ProviderEvent[]> {
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    throw new ProviderRejected('the notification body is not JSON');
  }
  const notified = notifiedResource(body);
  verifySignature(input, notified.id);
  if (!notified.isOrder) return [];
  const order = await readOrder(notified.id);
  return order ? eventsOf(order) : [];
}

/**
 * `x-signature: ts=…,v1=…` where v1 = HMAC-SHA256(secret, `id:{data.id};request-id:{x-request-id};ts:{ts};`),
 * hex. The id is lowercased (the docs demand it of alphanumeric ids) and a part whose value did not come
 * is left out of the manifest, as the docs say. `ts` is refused when stale, so a captured notification
 * cannot be replayed later.
 */
export function verifySignature(input: SignedNotification, dataId: string): void {
  const { ts, v1 } = signatureParts(input.headers['x-signature']);
  if (!ts || !v1 || !/^\d+$/.test(ts)) throw new ProviderAuthFailed('the notification has no valid x-signature');
  const sentAt = Number(ts) < 1e12 ? Number(ts) * 1000 : Number(ts); // the docs say milliseconds, their example is seconds
  if (Math.abs(input.clock.now().getTime() - sentAt) > SIGNATURE_TOLERANCE_MS)
    throw new ProviderAuthFailed('the notification’s x-signature timestamp is stale');
  const expected = signatureOf({ dataId, requestId: input.headers['x-request-id'], ts }, input.secret);
  const [a, b] = [Buffer.from(v1.toLowerCase()), Buffer.from(expected)];
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new ProviderAuthFailed('the notification’s x-signature does not match this account’s webhook secret');
}

/** The hex HMAC Mercado Pago puts in `v1`; what the emulator signs with too. */
export function signatureOf(
  parts: { dataId?: string | undefined; requestId?: string | undefined; ts: string },
  secret: string,
): string {
  return createHmac('sha256', secret).update(manifestOf(parts)).digest('hex');
}

export function manifestOf(parts: { dataId?: string | undefined; requestId?: string | undefined; ts: string }): string {
  return [
    parts.dataId ? `id:${parts.dataId.toLowerCase()};` : '',
    parts.requestId ? `request-id:${parts.requestId};` : '',
    `ts:${parts.ts};`,
  ].join('');
}

function signatureParts(header: string | undefined): { ts?: string; v1?: string } {
  const parts: Record<string, string> = {};
  for (const piece of (header ?? '').split(',')) {
    const at = piece.indexOf('=');
    if (at > 0) parts[piece.slice(0, at).trim()] = piece.slice(at + 1).trim();
  }
  return { ...(parts.ts ? { ts: parts.ts } : {}), ...(parts.v1 ? { v1: parts.v1 } : {}) };
}
