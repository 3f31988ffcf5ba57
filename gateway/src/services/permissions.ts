import { ApiError } from './errors.js';
import { type Actor, type Principal, type Role, requireActor } from './principal.js';

/** Everything a caller may be allowed to do; each route and service names one. */
export const ACTIONS = [
  'orders.read',
  'orders.create',
  'orders.cancel',
  'refunds.create',
  'stores.manage',
  'tills.manage',
  'credentials.manage',
  'providers.manage',
  'webhooks.manage',
  'apps.manage',
  'team.manage',
  'account.manage',
  'reports.read',
] as const;
export type Action = (typeof ACTIONS)[number];

const CLERK: readonly Action[] = ['orders.read', 'orders.create', 'orders.cancel'];
const MANAGER: readonly Action[] = [...CLERK, 'refunds.create', 'stores.manage', 'tills.manage', 'reports.read'];
const ADMIN: readonly Action[] = [
  ...MANAGER,
  'credentials.manage',
  'providers.manage',
  'webhooks.manage',
  'apps.manage',
  'team.manage',
  'account.manage',
];

/** API.md's roles: a clerk sells, a manager also refunds and runs stores, an admin does everything. */
const ROLE_ACTIONS: Record<Role, ReadonlySet<Action>> = {
  clerk: new Set(CLERK),
  manager: new Set(MANAGER),
  admin: new Set(ADMIN),
};

/** A till works its own orders; an app is the merchant's server and manages all but people, apps and the account. */
const TILL_ACTIONS: ReadonlySet<Action> = new Set([...CLERK, 'refunds.create']);
const PEOPLE_ONLY: readonly Action[] = ['team.manage', 'apps.manage', 'account.manage'];
const APP_ACTIONS: ReadonlySet<Action> = new Set(ADMIN.filter((a) => !PEOPLE_ONLY.includes(a)));

export function can(p: Actor, action: Action): boolean {
  if (p.kind === 'till') return TILL_ACTIONS.has(action);
  if (p.kind === 'app') return APP_ACTIONS.has(action);
  return ROLE_ACTIONS[p.role].has(action);
}

/** The actor, if it may do this; otherwise the 403 the caller sees. */
export function authorize(p: Principal, action: Action): Actor {
  const actor = requireActor(p);
  if (!can(actor, action)) throw new ApiError('forbidden', `These credentials may not ${describe(action)}`);
  return actor;
}

const describe = (action: Action): string => {
  const [what, verb] = action.split('.') as [string, string];
  return `${verb} ${what}`;
};
