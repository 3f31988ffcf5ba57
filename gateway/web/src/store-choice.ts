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
