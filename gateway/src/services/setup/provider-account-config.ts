import type { Environment, Wallet } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { readAccountFields, storedAccount } from '../../adapters/account-fields.js';
import { AccountFieldError } from '../../adapters/descriptor.js';
import type { AdapterRegistry } from '../../adapters/registry.js';
import { descriptor as sandboxDescriptor } from '../../adapters/sandbox/index.js';
import type { ProviderAccount } from '../../adapters/types.js';
import { ApiError } from '../errors.js';
import type { ProviderSecrets } from './provider-secrets.js';

/** A bank's Pix account: beside these, the fields of pix-bcb's descriptor (the bank is its `profile`). */
export type NewPixAccount = {
  kind: 'pix';
  provider: string;
  name: string;
  [field: string]: unknown;
};

/** A wallet's account: beside these, the fields its provider's descriptor asks for (snake_case). */
export type NewWalletAccount = {
  kind: 'wallet';
  provider: Exclude<Wallet, 'pix'>;
  name: string;
  [field: string]: unknown;
};

export type NewProviderAccountInput = NewPixAccount | NewWalletAccount;

export interface AccountSettings {
  adapter: string;
  config: Record<string, unknown>;
  /** For a Pix bank: where the PSP must send its notifications, with the account's secret. */
  webhookPath?: string;
}

/** A wallet account for an adapter without a descriptor (the sandbox's stand-in, or a test's): a key at most. */
const UNDESCRIBED_WALLET = z.object({ api_key: z.string().optional() });

const invalid = (field: string, message: string, detail: string) =>
  new ApiError('validation_failed', detail, [{ field, message }]);

/**
 * Which adapter takes an account and the config it reads, secrets sealed. A Pix bank goes through
 * `pix-bcb`; a wallet through its own adapter, its fields checked by that provider's descriptor. In the
 * test environment, a wallet account given none of its provider's fields (a name at most, and the old
 * `api_key`) is the sandbox's, with imaginary money, as it was before the wallets had adapters.
 */
export function accountSettings(...args: Parameters<typeof settingsOf>): AccountSettings {
  try {
    return settingsOf(...args);
  } catch (err) {
    if (!(err instanceof AccountFieldError)) throw err;
    // The body names the bank `provider`; the descriptor calls it `profile`.
    const errors = err.fields.map((f) => (f.field === 'profile' ? { ...f, field: 'provider' } : f));
    throw new ApiError('validation_failed', err.message, errors);
  }
}

function settingsOf(
  id: string,
  input: NewProviderAccountInput,
  environment: Environment,
  adapters: AdapterRegistry,
  secrets: ProviderSecrets,
): AccountSettings {
  const merchantName = input.name.slice(0, 25);
  const { kind, provider, name: _name, ...fields } = input;
  if (kind === 'pix' && provider === 'sandbox') {
    if (environment === 'live')
      throw invalid('provider', 'is for the test environment only', 'The sandbox takes no live charges');
    const read = readAccountFields(sandboxDescriptor, fields, environment);
    const pix = { kind: 'pix', wallets: ['pix'], pixKey: read.pix_key, clientId: read.client_id, merchantName };
    return { adapter: 'sandbox', config: secrets.seal(pix, { clientSecret: read.client_secret }) };
  }
  const adapter = kind === 'pix' ? 'pix-bcb' : adapters.forWallet(provider as Wallet);
  const descriptor = adapter ? adapters.descriptor(adapter) : undefined;
  const bare = Object.keys(fields).every((field) => field === 'api_key');
  if (kind === 'wallet' && (!descriptor || (bare && environment === 'test'))) {
    const fallback = descriptor ? 'sandbox' : (adapter ?? (environment === 'test' ? 'sandbox' : undefined));
    if (!fallback)
      throw invalid('provider', 'has no adapter for live charges yet', `No adapter for ${provider} is installed`);
    const { api_key: apiKey } = readAccountFields({ account: UNDESCRIBED_WALLET }, fields, environment);
    const config = { kind: 'wallet', wallets: [provider], merchantName };
    return { adapter: fallback, config: typeof apiKey === 'string' ? secrets.seal(config, { apiKey }) : config };
  }
  if (!adapter || !descriptor) throw new Error('pix-bcb is not installed');
  const read = readAccountFields(descriptor, kind === 'pix' ? { profile: provider, ...fields } : fields, environment);
  const stored = storedAccount(descriptor, read, { id, environment });
  const config = { kind, wallets: kind === 'pix' ? ['pix'] : [provider], merchantName, ...stored.config };
  return {
    adapter,
    config: Object.keys(stored.secrets).length > 0 ? secrets.seal(config, stored.secrets) : config,
    ...(stored.webhookPath ? { webhookPath: stored.webhookPath } : {}),
  };
}

/** Why a stored account may not take a live charge, if it may not, as its provider judges it. */
export function unfitForLive(
  adapters: AdapterRegistry,
  account: Pick<ProviderAccount, 'adapter' | 'config'>,
): string | undefined {
  return adapters.descriptor(account.adapter)?.unfitForLive?.(account.config);
}
