import type { Environment } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import type { AccountFieldMeta } from '../descriptor.js';
import { type ProviderAccount, ProviderRejected } from '../types.js';

const field = <T extends z.ZodType>(schema: T, meta: AccountFieldMeta): T => schema.meta({ ...meta });

/** An Ame account as the API and the panel take it. */
export const ameAccountSchema = z.object({
  client_id: field(z.string().min(1), { label: 'Client ID', requiredInLive: true }),
  client_secret: field(z.string().min(1), { label: 'Client secret', secret: true, requiredInLive: true }),
  base_url: field(z.url().optional(), {
    label: 'Endereço da API (emulador)',
    help: 'Só no ambiente de teste: o emulador Ame do Tillgate no lugar da Ame',
    testOnly: true,
  }),
});

export type AmeAccountConfig = z.infer<typeof ameAccountSchema>;

/** Ame's own hosts; the API lives under `/api` on both (`/api/orders`, `/api/wallet/user/payments/...`). */
export const AME_BASE_URLS: Record<Environment, string> = {
  live: 'https://api.amedigital.com/api',
  test: 'https://api.hml.amedigital.com/api',
};

/** An account as this adapter uses it: its settings checked, its address resolved. */
export interface AmeAccount {
  id: string;
  environment: Environment;
  config: AmeAccountConfig;
  baseUrl: string;
  /** The account's Tillgate emulator, whose controls can play a payer; undefined at Ame itself. */
  emulatorUrl: string | undefined;
}

export function readAmeAccount(account: ProviderAccount): AmeAccount {
  const parsed = ameAccountSchema.safeParse(account.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderRejected(
      `provider account ${account.id} is misconfigured: ${issue?.path.join('.') || 'config'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const config = parsed.data;
  // An account stored before live refused overrides still never sends live traffic elsewhere.
  if (config.base_url && account.environment === 'live')
    throw new ProviderRejected(`provider account ${account.id}: a live Ame account talks to Ame at its own address`);
  const baseUrl = (config.base_url ?? AME_BASE_URLS[account.environment]).replace(/\/$/, '');
  return { id: account.id, environment: account.environment, config, baseUrl, emulatorUrl: config.base_url };
}
