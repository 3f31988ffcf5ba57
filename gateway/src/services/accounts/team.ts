import type { User } from '@tillgate/sdk/protocol';
import type { RateLimits } from '../../limits/rate-limits.js';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import { merchantStoreIds } from '../../store/merchants.js';
import {
  deleteUser,
  findUser,
  insertUser,
  listUsers,
  lockMerchantUsers,
  type UserRecord,
  updateUser,
} from '../../store/users.js';
import type { Mailer } from '../delivery/mailer.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { changedFields, recordAudit } from '../security/audit.js';
import { deliver, invitationEmail, panelLink } from './account-emails.js';
import { emailTaken } from './accounts.js';
import { issueEmailToken } from './email-tokens.js';
import { authorize } from './permissions.js';
import { type Principal, type Role, requireActor } from './principal.js';

export const userView = (u: UserRecord): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  store_ids: u.storeIds,
  status: u.status,
  created_at: u.createdAt.toISOString(),
});

type Scope = { role: Role; storeIds: string[] | null };

/** The merchant's people: any user lists them, an admin invites, changes and removes them. */
export class Team {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: { mailer: Mailer; publicUrl: () => string; limits: RateLimits },
  ) {}

  async list(principal: Principal, q: { limit: number; cursor?: string | undefined }) {
    const actor = requireActor(principal);
    if (actor.kind !== 'user') throw new ApiError('forbidden', 'Only panel users list the team');
    const rows = await listUsers(this.deps.knex, actor.merchantId, q.limit + 1, q.cursor);
    const page = rows.slice(0, q.limit);
    return {
      data: page.map(userView),
      next_cursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async invite(principal: Principal, input: { email: string; role: Role; store_ids?: string[] | null | undefined }) {
    const actor = authorize(principal, 'team.manage');
    const scope = await this.scope(actor.merchantId, input.role, input.store_ids ?? null);
    await this.options.limits.take([{ rule: 'emails_merchant', key: actor.merchantId }]);
    const now = this.deps.clock.now();
    const email = input.email.toLowerCase();
    const { user, token } = await this.deps.knex.transaction(async (trx) => {
      const invited: UserRecord = {
        id: this.deps.ids('usr'),
        merchantId: actor.merchantId,
        email,
        name: '',
        passwordHash: null,
        ...scope,
        status: 'invited',
        createdAt: now,
      };
      if (!(await insertUser(trx, invited))) throw emailTaken(email);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: null,
        actor,
        action: 'user.invited',
        target: { type: 'user', id: invited.id },
        changes: changedFields(null, invited, ['role', 'storeIds']),
      });
      return { user: invited, token: await issueEmailToken(trx, 'invite', invited.id, now) };
    });
    await this.sendInvitation(user, token);
    return userView(user);
  }

  /** The invitation email, naming the merchant and the user's role as it is now. */
  private async sendInvitation(user: UserRecord, token: string): Promise<void> {
    const merchant = await findMerchantProfile(this.deps.knex, user.merchantId);
    const link = panelLink(this.options.publicUrl(), 'invite', token);
    await deliver(
      this.options.mailer,
      this.deps.log,
      invitationEmail(user.email, merchant?.name ?? '', user.role, link),
    );
  }

  async update(
    principal: Principal,
    id: string,
    change: { role?: Role | undefined; store_ids?: string[] | null | undefined },
  ) {
    const actor = authorize(principal, 'team.manage');
    const current = await findUser(this.deps.knex, actor.merchantId, id);
    if (!current) throw notFound('User', id);
    const role = change.role ?? current.role;
    const storeIds = change.store_ids === undefined ? (role === 'admin' ? null : current.storeIds) : change.store_ids;
    const scope = await this.scope(actor.merchantId, role, storeIds);
    // A pending invitation's email names the role: a new role goes out in a fresh one (the older link
    // still works, and gives the role as it is at acceptance).
    const reinvite = current.status === 'invited' && role !== current.role;
    if (reinvite) await this.options.limits.take([{ rule: 'emails_merchant', key: actor.merchantId }]);
    const { updated, token } = await this.deps.knex.transaction(async (trx) => {
      const users = await lockMerchantUsers(trx, actor.merchantId);
      if (!users.some((u) => u.id === id)) throw notFound('User', id);
      if (scope.role !== 'admin') requireAnotherAdmin(users, id);
      const updated = await updateUser(trx, id, scope);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: null,
        actor,
        action: 'user.updated',
        target: { type: 'user', id },
        changes: changedFields(current, updated, ['role', 'storeIds']),
      });
      return { updated, token: reinvite ? await issueEmailToken(trx, 'invite', id, this.deps.clock.now()) : undefined };
    });
    if (token) await this.sendInvitation(updated, token);
    return userView(updated);
  }

  /** Removes the user; its sessions and pending links go with it. */
  async remove(principal: Principal, id: string): Promise<void> {
    const actor = authorize(principal, 'team.manage');
    await this.deps.knex.transaction(async (trx) => {
      const users = await lockMerchantUsers(trx, actor.merchantId);
      const removed = users.find((u) => u.id === id);
      if (!removed) throw notFound('User', id);
      requireAnotherAdmin(users, id);
      await deleteUser(trx, id);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: null,
        actor,
        action: 'user.removed',
        target: { type: 'user', id },
        changes: changedFields(removed, null, ['role', 'storeIds']),
      });
    });
  }

  /** An admin reaches every store; others only stores of this merchant. */
  private async scope(merchantId: string, role: Role, storeIds: string[] | null): Promise<Scope> {
    if (storeIds === null) return { role, storeIds: null };
    if (role === 'admin') throw invalidStores('an admin reaches every store; send null');
    const unique = [...new Set(storeIds)];
    const known = await merchantStoreIds(this.deps.knex, merchantId, unique);
    const unknown = unique.filter((s) => !known.includes(s));
    if (unknown.length) throw invalidStores(`${unknown.join(', ')} is not a store of this merchant`);
    return { role, storeIds: unique };
  }
}

const invalidStores = (message: string) =>
  new ApiError('validation_failed', 'store_ids is not valid', [{ field: 'store_ids', message }]);

/** Whatever happens to this user, an active admin must remain. */
function requireAnotherAdmin(users: UserRecord[], id: string): void {
  if (!users.some((u) => u.id !== id && u.role === 'admin' && u.status === 'active'))
    throw new ApiError('last_admin', 'The merchant must keep at least one active admin');
}
