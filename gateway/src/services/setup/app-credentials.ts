import type { Environment } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { newSecret } from '../../ids.js';
import { deleteAppCredential, insertAppCredential } from '../../store/credentials.js';
import { hashSecret } from '../accounts/auth.js';

/**
 * Issues (or regenerates) a merchant's app credential for one environment. The secret is returned
 * once and only its hash is kept, so regenerating makes the old secret stop working.
 */
export async function issueAppCredential(
  db: Knex | Knex.Transaction,
  merchantId: string,
  environment: Environment,
  appName: string,
  now: Date,
): Promise<{ app_name: string; app_secret: string }> {
  const secret = newSecret(`as_${environment}`);
  await deleteAppCredential(db, appName);
  await insertAppCredential(db, { appName, merchantId, environment, secretHash: hashSecret(secret), createdAt: now });
  return { app_name: appName, app_secret: secret };
}
