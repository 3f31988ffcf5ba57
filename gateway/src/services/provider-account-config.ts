import { randomBytes } from 'node:crypto';
import type { Environment, Wallet } from '@tillgate/sdk/protocol';
import { demandsCertificate, PIX_PROFILES, type PixProfileId } from '../adapters/pix-bcb/profiles.js';
import type { AdapterRegistry } from '../adapters/registry.js';
import type { ProviderAccount } from '../adapters/types.js';
import { ApiError } from './errors.js';
import type { ProviderSecrets } from './provider-secrets.js';

export type NewPixAccount = {
  kind: 'pix';
  provider: PixProfileId | 'sandbox';
  name: string;
  pix_key: string;
  client_id: string;
  client_secret: string;
  certificate_pem?: string | undefined;
  key_pem?: string | undefined;
  base_url?: string | undefined;
  app_key?: string | undefined;
};

export type NewWalletAccount = {
  kind: 'wallet';
  provider: Exclude<Wallet, 'pix'>;
  name: string;
  api_key?: string | undefined;
};

export type NewProviderAccountInput = NewPixAccount | NewWalletAccount;

export interface AccountSettings {
  adapter: string;
  config: Record<string, unknown>;
  /** For a Pix bank: where the PSP must send its notifications, with the account's secret. */
  webhookPath?: string;
}

const invalid = (field: string, message: string, detail: string) =>
  new ApiError('validation_failed', detail, [{ field, message }]);

/**
 * Which adapter takes an account and the config it reads, secrets sealed. A Pix bank goes through
 * `pix-bcb` with the bank's profile; a wallet through its own adapter, or, in the test environment
 * while none is installed, the sandbox.
 */
export function accountSettings(
  id: string,
  input: NewProviderAccountInput,
  environment: Environment,
  adapters: AdapterRegistry,
  secrets: ProviderSecrets,
): AccountSettings {
  const merchantName = input.name.slice(0, 25);
  if (input.kind === 'wallet') {
    const adapter = adapters.has(input.provider) ? input.provider : environment === 'test' ? 'sandbox' : undefined;
    if (!adapter)
      throw invalid('provider', 'has no adapter for live charges yet', `No adapter for ${input.provider} is installed`);
    const config = { kind: 'wallet', wallets: [input.provider], merchantName };
    return { adapter, config: input.api_key ? secrets.seal(config, { apiKey: input.api_key }) : config };
  }
  const pix = { kind: 'pix', wallets: ['pix'], pixKey: input.pix_key, clientId: input.client_id, merchantName };
  if (environment === 'live') refuseTestGrade(input);
  if (input.provider === 'sandbox') {
    return { adapter: 'sandbox', config: secrets.seal(pix, { clientSecret: input.client_secret }) };
  }
  if (Boolean(input.certificate_pem) !== Boolean(input.key_pem))
    throw invalid('key_pem', 'goes with certificate_pem', 'A client certificate needs its private key, and back');
  const profile = PIX_PROFILES[input.provider];
  // In test, an emulator at `base_url` stands in for the bank and its certificate.
  if (demandsCertificate(profile, environment) && !input.certificate_pem && !input.base_url)
    throw invalid('certificate_pem', 'is required', `${profile.name} demands a client certificate (mTLS)`);
  const webhookSecret = randomBytes(24).toString('base64url');
  const config = secrets.seal(
    {
      ...pix,
      profile: input.provider,
      hasCertificate: Boolean(input.certificate_pem),
      ...(input.app_key ? { appKey: input.app_key } : {}),
      ...(input.base_url ? { origin: input.base_url } : {}),
    },
    {
      clientSecret: input.client_secret,
      webhookSecret,
      ...(input.certificate_pem && input.key_pem
        ? { certificate: { cert: input.certificate_pem, key: input.key_pem } }
        : {}),
    },
  );
  return { adapter: 'pix-bcb', config, webhookPath: `/v1/providers/pix/${id}/webhook?secret=${webhookSecret}` };
}

/** A live Pix account takes real money: no sandbox, and no address but the bank's own. */
function refuseTestGrade(input: NewPixAccount): void {
  if (input.provider === 'sandbox')
    throw invalid('provider', 'is for the test environment only', 'The sandbox takes no live charges');
  if (input.base_url)
    throw invalid(
      'base_url',
      'is for the test environment only',
      'A live account talks to its bank at the bank’s own address',
    );
}

/**
 * Why a stored account may not take a live charge, if it may not: accounts registered before live
 * refused test-grade ones are caught when an order would use them.
 */
export function unfitForLive(account: Pick<ProviderAccount, 'adapter' | 'config'>): string | undefined {
  if (account.adapter === 'sandbox') return 'is the sandbox, which takes no live charges';
  if (account.adapter !== 'pix-bcb') return undefined;
  if (typeof account.config.origin === 'string') return 'overrides the bank’s address';
  if (account.config.hasCertificate !== true) return 'has no client certificate';
  return undefined;
}
