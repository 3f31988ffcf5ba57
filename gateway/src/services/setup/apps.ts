import type { AppCredential, IssuedAppCredential } from '@tillgate/sdk/protocol';
import { findAppCredential, listAppCredentials, revokeRefreshTokensOf } from '../../store/credentials.js';
import { hashSecret } from '../accounts/auth.js';
import { authorize } from '../accounts/permissions.js';
import type { Principal } from '../accounts/principal.js';
import type { TokenRevocations } from '../accounts/token-revocations.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import { issueAppCredential } from './app-credentials.js';

/**
 * A merchant's server-to-server credentials. App names sign in on their own, so they are unique across
 * the gateway. A new secret ends the old one, the refresh and access tokens issued under it, and the
 * WebSockets opened with them: at once on this instance, within 2 s on the others.
 */
export class AppService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly revocations: TokenRevocations,
  ) {}

  async list(principal: Principal): Promise<{ data: AppCredential[] }> {
    const actor = authorize(principal, 'apps.manage');
    const apps = await listAppCredentials(this.deps.knex, actor.merchantId, actor.environment);
    return {
      data: apps.map((a) => ({
        app_name: a.appName,
        environment: actor.environment,
        created_at: a.createdAt.toISOString(),
      })),
    };
  }

  async create(principal: Principal, appName: string): Promise<IssuedAppCredential> {
    const actor = authorize(principal, 'apps.manage');
    const now = this.deps.clock.now();
    return this.deps.knex.transaction(async (trx) => {
      if (await findAppCredential(trx, appName))
        throw new ApiError('app_name_taken', `An app named ${appName} exists; choose another name`, [
          { field: 'app_name', message: 'is taken' },
        ]);
      const issued = await issueAppCredential(trx, actor.merchantId, actor.environment, appName, now);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: actor.environment,
        actor,
        action: 'app.created',
        target: { type: 'app', id: appName },
      });
      return { ...issued, environment: actor.environment, created_at: now.toISOString() };
    });
  }

  async regenerateSecret(principal: Principal, appName: string): Promise<IssuedAppCredential> {
    const actor = authorize(principal, 'apps.manage');
    const now = this.deps.clock.now();
    const issued = await this.deps.knex.transaction(async (trx) => {
      const app = await findAppCredential(trx, appName);
      if (!app || app.merchantId !== actor.merchantId || app.environment !== actor.environment)
        throw notFound('App', appName);
      await revokeRefreshTokensOf(trx, 'appName', appName, now);
      const credential = await issueAppCredential(trx, actor.merchantId, actor.environment, appName, now);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: actor.environment,
        actor,
        action: 'app.secret_regenerated',
        target: { type: 'app', id: appName },
      });
      return credential;
    });
    this.revocations.noteApp(appName, hashSecret(issued.app_secret), now);
    return { ...issued, environment: actor.environment, created_at: now.toISOString() };
  }
}
