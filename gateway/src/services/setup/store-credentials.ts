import type { Environment, IssuedStoreCredential, StoreCredential } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { newSecret } from '../../ids.js';
import {
  findCurrentStoreCredential,
  insertStoreCredential,
  revokeRefreshTokensOf,
  revokeStoreCredentials,
} from '../../store/credentials.js';
import { hashSecret } from '../accounts/auth.js';
import { authorize } from '../accounts/permissions.js';
import type { Principal } from '../accounts/principal.js';
import type { TokenRevocations } from '../accounts/token-revocations.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import { visibleStore } from './stores.js';

/**
 * Replaces a store's till credentials in one environment: the old pair is revoked with the refresh
 * tokens issued under it, and the new secret is returned once (only its hash is kept). Answers the
 * revoked access keys, whose access tokens the caller must have refused after the commit.
 */
export async function replaceStoreCredential(
  trx: Knex.Transaction,
  store: { id: string; merchantId: string },
  environment: Environment,
  now: Date,
): Promise<{ issued: IssuedStoreCredential; revoked: string[] }> {
  const revoked = await revokeStoreCredentials(trx, store.id, environment, now);
  for (const key of revoked) await revokeRefreshTokensOf(trx, 'credentialKey', key, now);
  const accessKey = newSecret(`ak_${environment}`).slice(0, 40);
  const secretKey = newSecret(`sk_${environment}`);
  await insertStoreCredential(trx, {
    accessKey,
    storeId: store.id,
    merchantId: store.merchantId,
    environment,
    secretHash: hashSecret(secretKey),
    createdAt: now,
  });
  return {
    issued: { access_key: accessKey, secret_key: secretKey, environment, created_at: now.toISOString() },
    revoked,
  };
}

export class StoreCredentialService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly revocations: TokenRevocations,
  ) {}

  async current(principal: Principal, storeId: string): Promise<StoreCredential> {
    const actor = authorize(principal, 'credentials.manage');
    await visibleStore(this.deps.knex, actor, storeId);
    const credential = await findCurrentStoreCredential(this.deps.knex, storeId, actor.environment);
    if (!credential) throw notFound(`Credentials of store ${storeId} in`, actor.environment);
    return {
      access_key: credential.accessKey,
      environment: actor.environment,
      created_at: credential.createdAt.toISOString(),
    };
  }

  async rotate(principal: Principal, storeId: string): Promise<IssuedStoreCredential> {
    const actor = authorize(principal, 'credentials.manage');
    const now = this.deps.clock.now();
    const { issued, revoked } = await this.deps.knex.transaction(async (trx) => {
      const store = await visibleStore(trx, actor, storeId);
      const replaced = await replaceStoreCredential(trx, store, actor.environment, now);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: actor.environment,
        actor,
        action: 'store_credentials.rotated',
        target: { type: 'store', id: storeId },
        changes: { access_key: { before: replaced.revoked[0] ?? null, after: replaced.issued.access_key } },
      });
      return replaced;
    });
    for (const key of revoked) this.revocations.noteCredential(key, now);
    return issued;
  }
}
