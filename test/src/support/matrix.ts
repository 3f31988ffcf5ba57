import type { Order } from '@tillgate/sdk/protocol';
import type { Answer } from './api.js';
import { CALLER_KINDS, type CallerKind, type Callers, type Credential, callAs } from './callers.js';

/**
 * Who may call a route. `allow`: got past authorization (a status in `ok`); `notFound`: the target is not
 * theirs, so it reads as missing (404); every other caller is refused: 401 without credentials, else 403.
 * A public route (no authentication) answers every caller alike with one of `ok`.
 */
export interface Rule extends RuleOptions {
  allow: readonly CallerKind[] | 'everyone';
  notFound: readonly CallerKind[];
}

export interface RuleOptions {
  /** The answers that count as allowed; beyond 2xx, each must be named (e.g. 422 for a deliberately minimal body). */
  ok?: readonly number[];
  /** More answers that count as allowed for one caller kind, each with its reason in the table. */
  also?: Partial<Record<CallerKind, readonly number[]>>;
  /** What "missing" is when the foreign thing is named in the body, not the path: 422 (`till_not_found`). */
  missingAs?: 404 | 422;
}

export const rule = (allow: Rule['allow'], notFound: readonly CallerKind[] = [], options: RuleOptions = {}): Rule => ({
  allow,
  notFound,
  ...options,
});

/** One cell's request: what the route is called with. */
export interface Cell {
  kind: CallerKind;
  n: number;
  callers: Callers;
}

export interface Prepared {
  params?: Record<string, string>;
  /** The order the route is about, when fresh: `secret` then holds this order's client secret. */
  order?: Order;
}

/** How to call one route in the matrix: its rule, and a body, query and targets where it needs them. */
export interface Entry {
  rule: Rule;
  body?: (c: Cell) => unknown;
  raw?: { bytes: Buffer; type: string };
  query?: (c: Cell) => string;
  /** Fresh targets for each cell (an order to cancel, a user to remove); the defaults otherwise. */
  prepare?: (c: Cell) => Promise<Prepared>;
  params?: (c: Cell) => Record<string, string>;
}

export type Expected = { allowed: true; ok: readonly number[] } | { allowed: false; status: 401 | 403 | 404 | 422 };

export function expected(r: Rule, kind: CallerKind, auth: string): Expected {
  const ok = [...(r.ok ?? [200, 201, 202, 204]), ...(r.also?.[kind] ?? [])];
  if (r.allow === 'everyone' || r.allow.includes(kind)) return { allowed: true, ok };
  if (r.notFound.includes(kind)) return { allowed: false, status: r.missingAs ?? 404 };
  if (kind === 'none' && auth !== 'none') return { allowed: false, status: 401 };
  return { allowed: false, status: 403 };
}

/** The default target of each id prefix. */
export function defaultParams(callers: Callers, ids: Record<string, string>): Record<string, string> {
  const t = callers.targets;
  const byPrefix: Record<string, string> = {
    ord: t.orderO1.id,
    sto: t.storeA1,
    till: t.tillT1,
    whe: t.endpointA,
    whd: t.deliveryA,
    pac: t.accountA,
    usr: t.spareUser,
    doc: t.documentA,
    rpt: t.reportA,
    rsb: t.subscriptionA,
  };
  return Object.fromEntries(Object.entries(ids).map(([name, prefix]) => [name, byPrefix[prefix] as string]));
}

export const fillPath = (path: string, params: Record<string, string>): string =>
  path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return value;
  });

/** Calls the route as this caller; `secret` holds the client secret of the route's order. */
export async function callCell(
  c: Cell,
  route: { method: string; path: string },
  entry: Entry,
  params: Record<string, string>,
  order: Order | undefined,
): Promise<Answer & { sent: string }> {
  let credential: Credential = c.callers.credentials[c.kind];
  if (c.kind === 'secret' && order) credential = { kind: 'bearer', token: order.client_secret };
  const query = entry.query?.(c);
  const path = fillPath(route.path, params) + (query ? `?${query}` : '');
  const body = entry.body?.(c);
  const answer = await callAs(c.callers, credential, route.method.toUpperCase(), path, {
    ...(body === undefined ? {} : { body }),
    ...(entry.raw ? { raw: entry.raw.bytes, headers: { 'content-type': entry.raw.type } } : {}),
  });
  return { ...answer, sent: path + JSON.stringify(body ?? null) };
}

export { CALLER_KINDS };
