import type { RateLimits } from '../../limits/rate-limits.js';
import { clearLoginFailures, countLoginFailure, isLoginLocked, lockLogin } from '../../store/login-lockouts.js';
import { findUserById, type UserRecord } from '../../store/users.js';
import type { Mailer } from '../delivery/mailer.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import { deliver, panelLink, unlockEmail } from './account-emails.js';
import { issueEmailToken, redeemEmailToken } from './email-tokens.js';

/** Failures older than this no longer count towards a lockout. */
const FAILURES_FORGOTTEN_AFTER_MS = 24 * 3_600_000;

export interface LoginLockoutOptions {
  mailer: Mailer;
  publicUrl: () => string;
  limits: RateLimits;
  /** Failed log-ins in a row that lock the address; null: never locked. */
  lockAfter: number | null;
}

/**
 * Locks panel log-in for an email address after too many failed log-ins in a row and emails its
 * account a one-time link that lifts the lock. Addresses without an account are counted and locked
 * alike (with no email), so the answers never tell whether an address has an account.
 */
export class LoginLockouts {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: LoginLockoutOptions,
  ) {}

  /** Throws `account_locked` while the address is locked, even with the right password. */
  async refuseIfLocked(email: string): Promise<void> {
    if (this.options.lockAfter === null) return;
    if (await isLoginLocked(this.deps.knex, email.toLowerCase()))
      throw new ApiError('account_locked', 'Too many failed log-ins: open the link we emailed to unlock');
  }

  async failed(email: string, user: UserRecord | undefined): Promise<void> {
    const { lockAfter } = this.options;
    if (lockAfter === null) return;
    const address = email.toLowerCase();
    const now = this.deps.clock.now();
    const staleBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS);
    const { failures, locked } = await countLoginFailure(this.deps.knex, address, now, staleBefore);
    if (locked || failures < lockAfter) return;
    if (await lockLogin(this.deps.knex, address, now)) await this.locked(user);
  }

  async succeeded(email: string): Promise<void> {
    if (this.options.lockAfter !== null) await clearLoginFailures(this.deps.knex, email.toLowerCase());
  }

  /** The link's user may log in again; the link works once. */
  async unlock(token: string): Promise<{ unlocked: true }> {
    await this.deps.knex.transaction(async (trx) => {
      const userId = await redeemEmailToken(trx, token, 'unlock', this.deps.clock.now());
      const user = await findUserById(trx, userId);
      if (user) await clearLoginFailures(trx, user.email.toLowerCase());
    });
    return { unlocked: true };
  }

  /** Runs once per lockout, after it is committed: records it and emails the account its unlock link. */
  private async locked(user: UserRecord | undefined): Promise<void> {
    this.deps.log.warn({ user_id: user?.id }, 'panel log-in locked after repeated failures');
    if (!user) return;
    await recordAudit(this.deps, this.deps.knex, {
      merchantId: user.merchantId,
      environment: null,
      actor: 'anonymous',
      action: 'session.locked_out',
      target: { type: 'user', id: user.id },
    });
    if (user.passwordHash === null) return;
    if (!(await this.options.limits.allows([{ rule: 'emails_merchant', key: user.merchantId }]))) return;
    const token = await issueEmailToken(this.deps.knex, 'unlock', user.id, this.deps.clock.now());
    await deliver(
      this.options.mailer,
      this.deps.log,
      unlockEmail(user.email, panelLink(this.options.publicUrl(), 'unlock', token)),
    );
  }
}
