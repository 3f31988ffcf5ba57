import type { Role } from './api/types.js';

/**
 * The role table of gateway/web/README.md, used only to hide what a role cannot do; the server
 * refuses it anyway (gateway/src/services/permissions.ts).
 */
export type Action =
  | 'orders.read'
  | 'orders.cancel'
  | 'refunds.create'
  | 'stores.manage'
  | 'tills.manage'
  | 'credentials.manage'
  | 'providers.manage'
  | 'webhooks.manage'
  | 'apps.manage'
  | 'team.manage';

const CLERK: Action[] = ['orders.read', 'orders.cancel'];
const MANAGER: Action[] = [...CLERK, 'refunds.create', 'stores.manage', 'tills.manage'];
const ADMIN: Action[] = [
  ...MANAGER,
  'credentials.manage',
  'providers.manage',
  'webhooks.manage',
  'apps.manage',
  'team.manage',
];
const ROLE_ACTIONS: Record<Role, ReadonlySet<Action>> = {
  clerk: new Set(CLERK),
  manager: new Set(MANAGER),
  admin: new Set(ADMIN),
};

export const can = (role: Role, action: Action): boolean => ROLE_ACTIONS[role].has(action);
