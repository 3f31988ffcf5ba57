import type { Environment } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import type { AccountFieldMeta } from '../descriptor.js';
import { type ProviderAccount, ProviderRejected } from '../types.js';

/** Typed against `AccountFieldMeta`; spread into a plain object, which zod's `.meta()` takes. */
const meta = (m: AccountFieldMeta) => ({ ...m });

/** A PagBank account as the API and the panel take it (snake_case, described for the panel's form). */
export const pagbankAccountSchema = z.object({
  token: z
    .string()
    .min(1)
    .max(500)
    .meta(
      meta({
        label: 'Token da conta PagBank',
        help: 'Autoriza as chamadas (Authorization: Bearer) e assina as notificações (x-authenticity-token)',
        secret: true,
        requiredInLive: true,
      }),
    ),
  base_url: z
    .url()
    .optional()
    .meta(meta({ label: 'Endereço da API (emulador)', help: 'Só no ambiente de teste', testOnly: true })),
});

export type PagBankAccountConfig = z.infer<typeof pagbankAccountSchema>;

/** PagBank's own hosts (the Orders API lives on the PagSeguro domains). */
export const PAGBANK_API_URL: Readonly<Record<Environment, string>> = {
  live: 'https://api.pagseguro.com',
  test: 'https://sandbox.api.pagseguro.com',
};

/** An account as this adapter uses it: its settings checked, its address resolved. */
export interface PagBankAccount {
  id: string;
  environment: Environment;
  token: string;
  apiUrl: string;
  /** Points at the Tillgate PagBank emulator (or another stand-in): only in the test environment. */
  emulated: boolean;
}

/** Why a stored account may not take live charges. */
export function unfitForLive(config: Record<string, unknown>): string | undefined {
  if (config.base_url !== undefined) return 'a live PagBank account talks to PagBank at its own address (no base_url)';
  return undefined;
}

export function readPagBankAccount(account: ProviderAccount): PagBankAccount {
  const parsed = pagbankAccountSchema.safeParse(account.config);
  if (!parsed.success)
    throw new ProviderRejected(`PagBank account ${account.id} is misconfigured: ${z.prettifyError(parsed.error)}`);
  const { token, base_url } = parsed.data;
  if (base_url && account.environment === 'live')
    throw new ProviderRejected(`provider account ${account.id}: ${unfitForLive(parsed.data)}`);
  return {
    id: account.id,
    environment: account.environment,
    token,
    apiUrl: (base_url ?? PAGBANK_API_URL[account.environment]).replace(/\/$/, ''),
    emulated: base_url !== undefined,
  };
}
