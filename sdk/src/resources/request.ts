import type { Call, RequestOptions } from '../transport/transport.js';

/** The transport bound to the client's credentials: what every resource calls. */
export type Request = <T>(call: Omit<Call, 'auth' | 'bearer'>, options?: RequestOptions) => Promise<T>;

export const idPath = (prefix: string, id: string, suffix = ''): string =>
  `${prefix}/${encodeURIComponent(id)}${suffix}`;
