/** A panel user's role (API.md): a clerk sells, a manager also refunds and runs stores, an admin does everything. */
export type Role = 'admin' | 'manager' | 'clerk';

/** Everything a caller may be allowed to do; the gateway checks one per operation. */
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
  'audit.read',
  'reports.generate',
  'payment_links.manage',
  'environment.switch',
] as const;
export type Action = (typeof ACTIONS)[number];

const CLERK: readonly Action[] = ['orders.read', 'orders.create', 'orders.cancel'];
const MANAGER: readonly Action[] = [
  ...CLERK,
  'refunds.create',
  'stores.manage',
  'tills.manage',
  'reports.read',
  'reports.generate',
  'payment_links.manage',
  'environment.switch',
];

/**
 * What each role may do (an admin, everything): the gateway enforces it, a panel only hides what a role
 * cannot reach.
 */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  clerk: CLERK,
  manager: MANAGER,
  admin: ACTIONS,
};

export const roleCan = (role: Role, action: Action): boolean => ROLE_ACTIONS[role].includes(action);
