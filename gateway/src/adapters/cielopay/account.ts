import type { Environment } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { type ProviderAccount, ProviderRejected } from '../types.js';

/** Cielo's two hosts per environment: one for what changes a sale, one for reading it. */
export const CIELO_HOSTS: Readonly<Record<Environment, { transactional: string; query: string }>> = {
  live: {
    transactional: 'https://api.cieloecommerce.cielo.com.br',
    query: 'https://apiquery.cieloecommerce.cielo.com.br',
  },
  test: {
    transactional: 'https://apisandbox.cieloecommerce.cielo.com.br',
    query: 'https://apiquerysandbox.cieloecommerce.cielo.com.br',
  },
};

/** The account as the API and the panel take it. */
export const cieloAccountSchema = z.object({
  merchant_id: z
    .string()
    .regex(/^[0-9a-fA-F-]{36}$/, 'is a GUID of 36 characters')
    .meta({ label: 'MerchantId', help: 'Identificador da loja na API E-commerce Cielo', requiredInLive: true }),
  merchant_key: z
    .string()
    .min(1)
    .max(40)
    .meta({ label: 'MerchantKey', help: 'Chave da loja na API E-commerce Cielo', secret: true, requiredInLive: true }),
  notification_header: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'is an HTTP header name')
    .meta({
      label: 'Cabeçalho da notificação',
      help: 'Nome do cabeçalho cadastrado no portal Cielo (URL de notificações)',
      requiredInLive: true,
    }),
  notification_token: z.string().min(16).max(256).meta({
    label: 'Valor do cabeçalho da notificação',
    help: 'Valor estático cadastrado com o cabeçalho; toda notificação sem ele é recusada',
    secret: true,
    requiredInLive: true,
  }),
  pix_provider: z
    .string()
    .regex(/^[A-Za-z0-9]{1,15}$/)
    .optional()
    .meta({ label: 'Provedor Pix', help: 'Payment.Provider das vendas Pix; Cielo2 se vazio' }),
  base_url: z.url().optional().meta({
    label: 'Endereço do emulador',
    help: 'Somente teste: o emulador Cielo atende as duas URLs (transacional e consulta)',
    testOnly: true,
  }),
});

export type CieloAccountConfig = z.infer<typeof cieloAccountSchema>;

/** An account as this adapter uses it: its settings checked, its two base URLs resolved. */
export interface CieloAccount {
  id: string;
  environment: Environment;
  config: CieloAccountConfig;
  transactionalUrl: string;
  queryUrl: string;
  pixProvider: string;
}

export const DEFAULT_PIX_PROVIDER = 'Cielo2';

export function readCieloAccount(account: ProviderAccount): CieloAccount {
  const parsed = cieloAccountSchema.safeParse(account.config);
  // zod's summary names the fields and what is wrong with them, never their values (secrets among them).
  if (!parsed.success)
    throw new ProviderRejected(`provider account ${account.id} is misconfigured: ${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  if (config.base_url && account.environment === 'live')
    throw new ProviderRejected(`provider account ${account.id}: a live account talks to Cielo at its own address`);
  const hosts = CIELO_HOSTS[account.environment];
  const base = config.base_url?.replace(/\/+$/, '');
  return {
    id: account.id,
    environment: account.environment,
    config,
    transactionalUrl: base ?? hosts.transactional,
    queryUrl: base ?? hosts.query,
    pixProvider: config.pix_provider ?? DEFAULT_PIX_PROVIDER,
  };
}
