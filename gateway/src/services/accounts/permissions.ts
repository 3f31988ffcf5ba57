import { type Action, ROLE_ACTIONS, roleCan } from '@tillgate/sdk/protocol';
import { ApiError } from '../errors.js';
import { type Actor, type Principal, requireActor } from './principal.js';

export { ACTIONS, type Action } from '@tillgate/sdk/protocol';

/**
 * A till works its own orders; an app is the merchant's server and manages all but people, apps and the
 * account, in the one environment its token is for.
 */
const TILL_ACTIONS: ReadonlySet<Action> = new Set([...ROLE_ACTIONS.clerk, 'refunds.create']);
const PEOPLE_ONLY: readonly Action[] = ['team.manage', 'apps.manage', 'account.manage', 'environment.switch'];
const APP_ACTIONS: ReadonlySet<Action> = new Set(ROLE_ACTIONS.admin.filter((a) => !PEOPLE_ONLY.includes(a)));

export function can(p: Actor, action: Action): boolean {
  if (p.kind === 'till') return TILL_ACTIONS.has(action);
  if (p.kind === 'app') return APP_ACTIONS.has(action);
  return roleCan(p.role, action);
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
