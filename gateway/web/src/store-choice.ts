import type { Store } from '@tillgate/sdk/protocol';

/** Each user's store choice is theirs, even on a shared till computer. */
const storeKey = (userId: string) => `tillgate.store.${userId}`;
/** Who used the panel last in this browser: whose store the board may start reading before the session answers. */
const LAST_USER_KEY = 'tillgate.user';

export const rememberedStore = (userId: string): string | undefined =>
  localStorage.getItem(storeKey(userId)) ?? undefined;

export function rememberStore(userId: string, storeId: string): void {
  localStorage.setItem(storeKey(userId), storeId);
  localStorage.setItem(LAST_USER_KEY, userId);
}

/** The store the last user of this browser chose, if any: a guess the session read confirms. */
export function lastUsersStore(): string | undefined {
  const userId = localStorage.getItem(LAST_USER_KEY);
  return userId ? rememberedStore(userId) : undefined;
}

/** The store a user who never chose one starts at: the oldest, so a store opened later never takes over a board. */
export const firstStore = (stores: readonly Store[]): Store | undefined =>
  [...stores].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];

/** The header's choice of every store the user sees, on the pages that can show them all. */
export const ALL_STORES = 'all';

const allKey = (userId: string) => `tillgate.allStores.${userId}`;

export const rememberedAll = (userId: string): boolean => localStorage.getItem(allKey(userId)) === '1';

export function rememberAll(userId: string, all: boolean): void {
  if (all) localStorage.setItem(allKey(userId), '1');
  else localStorage.removeItem(allKey(userId));
}

/**
 * How each store-scoped page follows the header's store: `one` shows a single store (with every store
 * chosen, the remembered one), `any` shows the chosen store or all of them. Pages not named are not scoped.
 */
export type StoreScope = 'one' | 'any';
const SCOPES: Record<string, StoreScope> = {
  '/': 'one',
  '/board': 'one',
  '/tills': 'one',
  '/credentials': 'one',
  '/payments': 'any',
  '/reports': 'any',
  '/links': 'any',
};

export const storeScope = (path: string): StoreScope | undefined => SCOPES[path];
