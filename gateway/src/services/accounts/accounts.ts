import type { InvitationView, SessionView } from '@tillgate/sdk/protocol';
import { isValidCnpj, normaliseCnpj } from '../../domain/cnpj.js';
import type { RateLimits } from '../../limits/rate-limits.js';
import { findMerchantProfile, markMerchantStep } from '../../store/merchant-profile.js';
import { insertMerchant } from '../../store/merchants.js';
import { deleteUserSessions } from '../../store/panel-sessions.js';
import { activateInvitedUser, findUserByEmail, findUserById, insertUser, updateUser } from '../../store/users.js';
import type { Mailer, MailMessage } from '../delivery/mailer.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import { hashPassword, passwordMatches } from '../security/passwords.js';
import { activationEmail, deliver, type LinkPage, panelLink, resetEmail } from './account-emails.js';
import { invalidLink, issueEmailToken, readEmailToken, redeemEmailToken } from './email-tokens.js';
import type { LoginLockouts } from './login-lockouts.js';
import type { PanelSessions } from './panel-sessions.js';

export interface AccountsOptions {
  mailer: Mailer;
  sessions: PanelSessions;
  lockouts: LoginLockouts;
  limits: RateLimits;
  /** Known only once the gateway listens. */
  publicUrl: () => string;
}

const wrongEmailOrPassword = () => new ApiError('invalid_credentials', 'The email or the password is wrong');

export const emailTaken = (email: string) => new ApiError('email_taken', `${email} already has an account`);

/** Sign-up, activation, log-in and password reset: everything a person does before and around a session. */
export class Accounts {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: AccountsOptions,
  ) {}

  async signUp(input: {
    merchant_name: string;
    cnpj: string;
    email: string;
    password: string;
    name?: string | undefined;
  }): Promise<{ merchant_id: string; email: string }> {
    if (!isValidCnpj(input.cnpj)) {
      throw new ApiError('validation_failed', 'The CNPJ is not valid', [
        { field: 'cnpj', code: 'invalid_cnpj', message: 'must be a CNPJ with valid check digits' },
      ]);
    }
    const passwordHash = await hashPassword(input.password);
    const now = this.deps.clock.now();
    const merchantId = this.deps.ids('mer');
    const email = input.email.toLowerCase();
    const token = await this.deps.knex.transaction(async (trx) => {
      await insertMerchant(trx, {
        id: merchantId,
        name: input.merchant_name,
        cnpj: normaliseCnpj(input.cnpj),
        createdAt: now,
      });
      const userId = this.deps.ids('usr');
      const inserted = await insertUser(trx, {
        id: userId,
        merchantId,
        email,
        name: input.name ?? '',
        passwordHash,
        role: 'admin',
        storeIds: null,
        status: 'invited',
        createdAt: now,
      });
      if (!inserted) throw emailTaken(email);
      return issueEmailToken(trx, 'activate', userId, now);
    });
    await this.send(activationEmail(email, input.merchant_name, this.link('activate', token)));
    return { merchant_id: merchantId, email };
  }

  async activate(token: string): Promise<{ activated: true }> {
    const now = this.deps.clock.now();
    await this.deps.knex.transaction(async (trx) => {
      const userId = await redeemEmailToken(trx, token, 'activate', now);
      const user = await updateUser(trx, userId, { status: 'active' });
      await markMerchantStep(trx, user.merchantId, 'activated_at', now);
    });
    return { activated: true };
  }

  async logIn(input: { email: string; password: string }): Promise<{ token: string; view: SessionView }> {
    await this.options.lockouts.refuseIfLocked(input.email);
    const user = await findUserByEmail(this.deps.knex, input.email);
    const matches = await passwordMatches(input.password, user?.passwordHash ?? null);
    if (!user || !matches) {
      await this.options.lockouts.failed(input.email, user);
      // An unknown email belongs to no merchant, so no audit log takes it; a known one is its merchant's business.
      if (user)
        await recordAudit(this.deps, this.deps.knex, {
          merchantId: user.merchantId,
          environment: null,
          target: { type: 'user', id: user.id },
          actor: 'anonymous',
          action: 'session.login_failed',
        });
      throw wrongEmailOrPassword();
    }
    if (user.status !== 'active')
      throw new ApiError('account_not_activated', 'Activate the account with the link we emailed first');
    await this.options.lockouts.succeeded(input.email);
    const opened = await this.options.sessions.open(user.id);
    await recordAudit(this.deps, this.deps.knex, {
      merchantId: user.merchantId,
      environment: null,
      target: { type: 'user', id: user.id },
      actor: { kind: 'user', userId: user.id },
      action: 'session.login',
    });
    return opened;
  }

  /** Emails a reset link if the address has an account; the caller never learns whether it has. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await findUserByEmail(this.deps.knex, email);
    if (!user || user.passwordHash === null) return;
    // Over the merchant's email budget the answer stays the same: it must not tell that the address exists.
    if (!(await this.options.limits.allows([{ rule: 'emails_merchant', key: user.merchantId }]))) {
      this.deps.log.warn({ merchant_id: user.merchantId }, 'reset email not sent: merchant over its email limit');
      return;
    }
    const token = await issueEmailToken(this.deps.knex, 'reset', user.id, this.deps.clock.now());
    await this.send(resetEmail(user.email, this.link('reset', token)));
  }

  /**
   * Sets the new password and ends every session of the user, in one transaction. The link proves the
   * address as the activation link does, so it also activates an admin whose activation email was lost.
   */
  async confirmPasswordReset(input: { token: string; password: string }): Promise<{ reset: true }> {
    const passwordHash = await hashPassword(input.password);
    const now = this.deps.clock.now();
    await this.deps.knex.transaction(async (trx) => {
      const userId = await redeemEmailToken(trx, input.token, 'reset', now);
      const user = await updateUser(trx, userId, { passwordHash, status: 'active' });
      await markMerchantStep(trx, user.merchantId, 'activated_at', now);
      await deleteUserSessions(trx, userId);
    });
    return { reset: true };
  }

  unlock(token: string): Promise<{ unlocked: true }> {
    return this.options.lockouts.unlock(token);
  }

  /** What the invitation page says before it is accepted: the team and the role as they are now. */
  async readInvitation(token: string): Promise<InvitationView> {
    const userId = await readEmailToken(this.deps.knex, token, 'invite', this.deps.clock.now());
    const user = await findUserById(this.deps.knex, userId);
    const merchant = user && (await findMerchantProfile(this.deps.knex, user.merchantId));
    if (user?.status !== 'invited' || !merchant) throw invalidLink();
    return { merchant_name: merchant.name, email: user.email, role: user.role };
  }

  /** An invited user chooses a name and password and is logged in; the role is the user's as it is now. */
  async acceptInvitation(input: {
    token: string;
    name: string;
    password: string;
  }): Promise<{ token: string; view: SessionView }> {
    const passwordHash = await hashPassword(input.password);
    const now = this.deps.clock.now();
    const userId = await this.deps.knex.transaction(async (trx) => {
      const id = await redeemEmailToken(trx, input.token, 'invite', now);
      const user = await activateInvitedUser(trx, id, { name: input.name, passwordHash });
      if (!user) throw invalidLink();
      await recordAudit(this.deps, trx, {
        merchantId: user.merchantId,
        environment: null,
        actor: { kind: 'user', userId: id },
        action: 'user.invitation_accepted',
        target: { type: 'user', id },
      });
      return id;
    });
    return this.options.sessions.open(userId);
  }

  private link(page: LinkPage, token: string): string {
    return panelLink(this.options.publicUrl(), page, token);
  }

  private send(message: MailMessage): Promise<void> {
    return deliver(this.options.mailer, this.deps.log, message);
  }
}
