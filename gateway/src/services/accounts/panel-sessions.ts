import { randomBytes } from 'node:crypto';
import { type Environment, roleCan, type SessionView } from '@tillgate/sdk/protocol';
import { newSecret } from '../../ids.js';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import {
  deleteSession,
  findSession,
  insertSession,
  type SessionRecord,
  setSessionEnvironment,
  touchSession,
} from '../../store/panel-sessions.js';
import { findUserById } from '../../store/users.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import { hashSecret } from './auth.js';
import type { Principal } from './principal.js';
import type { TokenRevocations } from './token-revocations.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often, so most requests cost one read. */
const TOUCH_EVERY_MS = 60_000;

/** The panel's cookie sessions: opaque tokens whose SHA-256 is the row's key. */
export class PanelSessions {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly revocations: TokenRevocations,
  ) {}

  async open(userId: string, environment: Environment = 'test'): Promise<{ token: string; view: SessionView }> {
    const token = newSecret('ses');
    await insertSession(this.deps.knex, {
      tokenHash: hashSecret(token),
      userId,
      environment,
      csrfToken: randomBytes(24).toString('base64url'),
      now: this.deps.clock.now(),
    });
    return { token, view: await this.view(token) };
  }

  /** The user principal of a live session with the user's role and stores as they are now, and its CSRF token. */
  async resolve(token: string): Promise<{ principal: Principal; csrfToken: string } | undefined> {
    const session = await this.live(token);
    if (!session) return undefined;
    const now = this.deps.clock.now();
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await touchSession(this.deps.knex, session.tokenHash, now);
    return {
      principal: {
        kind: 'user',
        merchantId: session.merchantId,
        environment: session.environment,
        userId: session.userId,
        role: session.role,
        storeIds: session.storeIds,
      },
      csrfToken: session.csrfToken,
    };
  }

  async view(token: string): Promise<SessionView> {
    const session = await this.live(token);
    const user = session && (await findUserById(this.deps.knex, session.userId));
    const merchant = user && (await findMerchantProfile(this.deps.knex, user.merchantId));
    if (!session || !user || !merchant) throw new ApiError('unauthenticated', 'Log in to the panel first');
    const onboarding = {
      activated: merchant.activatedAt !== null,
      terms_accepted: merchant.termsAcceptedAt !== null,
      documents: merchant.documents,
    };
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, store_ids: user.storeIds },
      merchant: { id: merchant.id, name: merchant.name, cnpj: merchant.cnpj, timezone: merchant.timezone },
      environment: session.environment,
      csrf_token: session.csrfToken,
      onboarding: {
        ...onboarding,
        done: onboarding.activated && onboarding.terms_accepted && onboarding.documents > 0,
      },
    };
  }

  async switchEnvironment(token: string, environment: Environment): Promise<SessionView> {
    const session = await this.live(token);
    if (!session) throw new ApiError('unauthenticated', 'Log in to the panel first');
    if (session.environment !== environment) {
      // Asking for the environment the session is in is no switch, so any role may.
      if (!roleCan(session.role, 'environment.switch'))
        throw new ApiError('forbidden', 'This role may not switch the panel between test and live');
      await this.deps.knex.transaction(async (trx) => {
        await setSessionEnvironment(trx, session.tokenHash, environment);
        await recordAudit(this.deps, trx, {
          merchantId: session.merchantId,
          environment: null,
          actor: { kind: 'user', userId: session.userId },
          action: 'session.environment_switched',
          target: { type: 'user', id: session.userId },
          changes: { environment: { before: session.environment, after: environment } },
        });
      });
    }
    return this.view(token);
  }

  /** Ends the session; its WebSockets here close at once, those on other instances at the next revocation read. */
  async end(token: string): Promise<void> {
    await deleteSession(this.deps.knex, hashSecret(token));
    this.revocations.noteSessionEnded(hashSecret(token));
  }

  private async live(token: string): Promise<SessionRecord | undefined> {
    const session = await findSession(this.deps.knex, hashSecret(token));
    if (!session) return undefined;
    if (this.deps.clock.now().getTime() - session.lastSeenAt.getTime() <= SESSION_IDLE_MS) return session;
    await deleteSession(this.deps.knex, session.tokenHash);
    return undefined;
  }
}
