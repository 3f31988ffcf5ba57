import type { ProviderAccount } from '../../adapters/types.js';
import type { SecretBox } from '../security/secret-box.js';

/**
 * A provider account's secrets (API client secret, private key, webhook secret) are kept in its config
 * under `sealed`, encrypted with the gateway key; the rest stays readable for the panel's lists.
 */
export class ProviderSecrets {
  constructor(private readonly box: SecretBox) {}

  seal(config: Record<string, unknown>, secrets: Record<string, unknown>): Record<string, unknown> {
    return { ...config, sealed: this.box.seal(JSON.stringify(secrets)) };
  }

  /** The account as adapters read it; accounts saved without sealed secrets pass through. */
  readonly open = (account: ProviderAccount): ProviderAccount => {
    const { sealed, ...config } = account.config;
    if (typeof sealed !== 'string') return account;
    return { ...account, config: { ...config, ...(JSON.parse(this.box.open(sealed)) as Record<string, unknown>) } };
  };
}
