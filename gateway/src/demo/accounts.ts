import type { Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { readAccountFields, storedAccount } from '../adapters/account-fields.js';
import type { ServiceDeps } from '../services/deps.js';
import type { ProviderSecrets } from '../services/setup/provider-secrets.js';
import { associateWallet, dissociateWallet, saveProviderAccount } from '../store/wallets.js';
import { DEMO_MERCHANT_ID, DEMO_TILL_IDS } from './seed.js';

export type DemoDeps = Pick<ServiceDeps, 'knex' | 'clock' | 'adapters'> & { providerSecrets: ProviderSecrets };

export interface DemoAccountLink {
  /** Provider account to link; linking it again replaces its config. */
  accountId: string;
  /** The installed adapter that takes it. */
  adapter: string;
  wallet: Wallet;
  name: string;
  /** The account's fields as its provider's descriptor declares them (snake_case, `base_url` at the emulator). */
  config: Record<string, unknown>;
  /** As the panel shows it; default: the wallet. */
  provider?: string;
}

export interface LinkedDemoAccount {
  accountId: string;
  /** Where the provider must send notifications, when the account registers one there (a Pix bank's webhook). */
  webhookPath?: string;
}

/**
 * Points the demo merchant's `wallet` at a provider account (an emulator's) through its real adapter:
 * the account is stored as its descriptor keeps it, secret fields sealed, and offered to every demo
 * till, whose own association overrides the store's sandbox one. An earlier link of that adapter goes.
 */
export async function linkDemoAccount(deps: DemoDeps, link: DemoAccountLink): Promise<LinkedDemoAccount> {
  const descriptor = deps.adapters.descriptor(link.adapter);
  if (!descriptor) throw new Error(`no provider ${link.adapter} is installed`);
  const stored = storedAccount(descriptor, readAccountFields(descriptor, link.config, 'test'), {
    id: link.accountId,
    environment: 'test',
  });
  const config = { kind: link.wallet === 'pix' ? 'pix' : 'wallet', wallets: [link.wallet], ...stored.config };
  return deps.knex.transaction(async (trx) => {
    await unlink(trx, link.adapter, link.wallet);
    await saveProviderAccount(trx, {
      id: link.accountId,
      merchantId: DEMO_MERCHANT_ID,
      environment: 'test',
      adapter: link.adapter,
      provider: link.provider ?? link.wallet,
      name: link.name,
      config: Object.keys(stored.secrets).length > 0 ? deps.providerSecrets.seal(config, stored.secrets) : config,
      createdAt: deps.clock.now(),
    });
    for (const tillId of DEMO_TILL_IDS)
      await associateWallet(trx, { providerAccountId: link.accountId, wallet: link.wallet, tillId });
    return { accountId: link.accountId, ...(stored.webhookPath ? { webhookPath: stored.webhookPath } : {}) };
  });
}

/** Gives the demo tills' `wallet` back to the store's sandbox, away from any account of `adapter`. */
export async function unlinkDemoWallet(
  deps: Pick<ServiceDeps, 'knex'>,
  adapter: string,
  wallet: Wallet,
): Promise<void> {
  await deps.knex.transaction((trx) => unlink(trx, adapter, wallet));
}

async function unlink(trx: Knex.Transaction, adapter: string, wallet: Wallet): Promise<void> {
  const linked = await trx('wallet_associations')
    .join('provider_accounts', 'provider_accounts.id', 'wallet_associations.provider_account_id')
    .where({ 'provider_accounts.merchant_id': DEMO_MERCHANT_ID, 'provider_accounts.adapter': adapter })
    .distinct('provider_accounts.id');
  for (const row of linked) await dissociateWallet(trx, row.id as string, wallet);
}
