import type { Environment } from '@tillgate/sdk/protocol';
import { ApiError } from './errors.js';

/** Who is calling: a till, a merchant-wide app, or a browser holding one order's client secret. */
export type Principal =
  | { kind: 'till'; merchantId: string; environment: Environment; tillId: string; storeId: string }
  | { kind: 'app'; merchantId: string; environment: Environment; appName: string }
  | { kind: 'order'; orderId: string };

export interface Owned {
  merchantId: string;
  environment: Environment;
  tillId: string;
  id: string;
}

/** Whether the principal may see this order; a foreign order reads as missing, never as forbidden. */
export function canSee(p: Principal, o: Owned): boolean {
  if (p.kind === 'order') return p.orderId === o.id;
  if (p.merchantId !== o.merchantId || p.environment !== o.environment) return false;
  return p.kind === 'app' || p.tillId === o.tillId;
}

/** Tills and apps act on orders; a client secret only reads. */
export function requireActor(p: Principal): Actor {
  if (p.kind === 'order') throw new ApiError('forbidden', 'A client secret can only read its order');
  return p;
}

export type Actor = Exclude<Principal, { kind: 'order' }>;

/** The idempotency namespace of a caller. */
export const idempotencyScope = (p: Actor, operation: string): string =>
  `${p.merchantId}:${p.environment}:${p.kind === 'till' ? p.tillId : p.appName}:${operation}`;
