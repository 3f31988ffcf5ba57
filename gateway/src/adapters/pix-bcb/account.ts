import type { Environment } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { type ProviderAccount, ProviderRejected } from '../types.js';
import { demandsCertificate, PIX_PROFILE_IDS, PIX_PROFILES, type PixBankProfile } from './profiles.js';

const configSchema = z.object({
  profile: z.enum(PIX_PROFILE_IDS),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The receiver's Pix key (chave) the charges are paid into. */
  pixKey: z.string().min(1).max(77),
  /** What the PSP must present (header `x-webhook-secret`, or `?secret=` in the registered URL) on notifications. */
  webhookSecret: z.string().min(16),
  /** The developer-application key of profiles that demand one (Banco do Brasil). */
  appKey: z.string().min(1).optional(),
  /** PEM client certificate and key for mTLS. */
  certificate: z.object({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  /** Sends the profile's paths to another origin (a proxy, or the Tillgate Pix emulator). */
  origin: z.url().optional(),
  /** The origin is the Tillgate Pix emulator, whose controls can play a payer in the test environment. */
  emulator: z.boolean().optional(),
});

export type PixAccountConfig = z.infer<typeof configSchema>;

/** A provider account as this adapter uses it: its settings checked, its URLs resolved. */
export interface PixAccount {
  id: string;
  environment: Environment;
  profile: PixBankProfile;
  config: PixAccountConfig;
  apiUrl: string;
  tokenUrl: string;
}

export function readPixAccount(account: ProviderAccount): PixAccount {
  const parsed = configSchema.safeParse(account.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderRejected(
      `provider account ${account.id} is misconfigured: ${issue?.path.join('.') || 'config'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const config = parsed.data;
  const profile = PIX_PROFILES[config.profile];
  // An account stored before live refused overrides still never sends live traffic elsewhere.
  if (config.origin && account.environment === 'live')
    throw new ProviderRejected(
      `provider account ${account.id}: a live account talks to ${profile.name} at its own address`,
    );
  // In test, an emulator at `origin` stands in for the bank and its certificate.
  if (demandsCertificate(profile, account.environment) && !config.certificate && !config.origin)
    throw new ProviderRejected(`provider account ${account.id}: ${profile.name} demands a client certificate (mTLS)`);
  const at = (url: string) => (config.origin ? rebase(url, config.origin) : url);
  return {
    id: account.id,
    environment: account.environment,
    profile,
    config,
    apiUrl: at(profile.apiUrl[account.environment]),
    tokenUrl: at(profile.tokenUrl[account.environment]),
  };
}

/** The same path and query on another origin. */
function rebase(url: string, origin: string): string {
  const from = new URL(url);
  return new URL(from.pathname + from.search, origin).toString().replace(/\/$/, '');
}
