import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request came from, as the audit log records it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

/**
 * Runs `work` with the origin of the request it serves. One middleware (app.ts) sets it for every request,
 * so use cases need no extra argument and the audit log reads it in one place; work outside a request
 * (workers, start-up) has none.
 */
export const withRequestOrigin = <T>(origin: RequestOrigin, work: () => T): T => storage.run(origin, work);

export const currentRequestOrigin = (): RequestOrigin => storage.getStore() ?? { ip: null, userAgent: null };
