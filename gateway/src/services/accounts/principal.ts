import type { Environment, Role } from '@tillgate/sdk/protocol';
import { ApiError } from '../errors.js';

export type { Role } from '@tillgate/sdk/protocol';

/** Who is calling: a till, a merchant-wide app, a panel user, or a browser holding one order's client secret. */
export type Principal =
  | { kind: 'till'; merchantId: string; environment: Environment; tillId: string; storeId: string }
  | { kind: 'app'; merchantId: string; environment: Environment; appName: string }
  | {
      kind: 'user';
      merchantId: string;
      environment: Environment;
      userId: string;
      role: Role;
      /** The stores the user is limited to; null means every store of the merchant. */
      storeIds: readonly string[] | null;
    }
  | { kind: 'order'; orderId: string };

export interface Owned {
  merchantId: string;
  environment: Environment;
  storeId: string;
  tillId: string;
  id: string;
}

/** Whether the principal may see this order; a foreign order reads as missing, never as forbidden. */
export function canSee(p: Principal, o: Owned): boolean {
  if (p.kind === 'order') return p.orderId === o.id;
  if (p.merchantId !== o.merchantId || p.environment !== o.environment) return false;
  if (p.kind === 'till') return p.tillId === o.tillId;
  return seesStore(p, o.storeId);
}

/** What a live topic names, as the store has it: the merchant's whole stream, or a store, till or order and where it lives. */
export type Watched =
  | { kind: 'merchant' }
  | { kind: 'store'; merchantId: string; storeId: string }
  | { kind: 'till'; merchantId: string; storeId: string; tillId: string }
  | ({ kind: 'order' } & Owned);

/**
 * Whether the principal may watch this topic live: what it reaches over HTTP, the whole merchant only when
 * limited to no store; a till only its own till and that till's orders; a client secret only its order.
 */
export function canWatch(p: Principal, w: Watched): boolean {
  if (w.kind === 'order') return canSee(p, w);
  if (p.kind === 'order') return false;
  if (w.kind === 'merchant') return p.kind !== 'till' && limitedStores(p) === null;
  if (p.merchantId !== w.merchantId) return false;
  if (p.kind === 'till') return w.kind === 'till' && w.tillId === p.tillId;
  return seesStore(p, w.storeId);
}

/** Whether a merchant-side principal reaches this store (tills reach only their own). */
export function seesStore(p: Actor, storeId: string): boolean {
  if (p.kind === 'till') return p.storeId === storeId;
  if (p.kind === 'user') return p.storeIds === null || p.storeIds.includes(storeId);
  return true;
}

/** Tills, apps and users act on orders; a client secret only reads. */
export function requireActor(p: Principal): Actor {
  if (p.kind === 'order') throw new ApiError('forbidden', 'A client secret can only read its order');
  return p;
}

export type Actor = Exclude<Principal, { kind: 'order' }>;

/** The stores a user is limited to; null for every store (and for apps and tills, which scope otherwise). */
export const limitedStores = (actor: Actor): readonly string[] | null =>
  actor.kind === 'user' ? actor.storeIds : null;

/** Who asked, as records keep it: `user:<id>`, `app:<name>` or `till:<id>`. */
export const actorName = (actor: Actor): string =>
  actor.kind === 'user'
    ? `user:${actor.userId}`
    : actor.kind === 'app'
      ? `app:${actor.appName}`
      : `till:${actor.tillId}`;

/** The idempotency namespace of a caller. */
export const idempotencyScope = (p: Actor, operation: string): string =>
  `${p.merchantId}:${p.environment}:${callerId(p)}:${operation}`;

const callerId = (p: Actor): string => (p.kind === 'till' ? p.tillId : p.kind === 'app' ? p.appName : p.userId);
