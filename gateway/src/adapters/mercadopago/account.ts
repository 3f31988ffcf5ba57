import { z } from 'zod';
import { type ProviderAccount, ProviderRejected } from '../types.js';

/** Where the Orders API lives; a test account may point `base_url` at the Tillgate emulator instead. */
export const MERCADOPAGO_API = 'https://api.mercadopago.com';

/**
 * The account as the panel and the management API take it (snake_case), each field described for the
 * form through `.meta()`. Stored parsed, the secret fields sealed; the adapter reads it back opened.
 */
export const mercadopagoAccount = z.object({
  access_token: z.string().min(1).meta({
    label: 'Access Token',
    help: 'Suas integrações → credenciais de produção (APP_USR-…) ou de teste',
    secret: true,
    requiredInLive: true,
  }),
  webhook_secret: z.string().min(1).meta({
    label: 'Assinatura secreta dos Webhooks',
    help: 'Suas integrações → Webhooks → assinatura secreta; confere o cabeçalho x-signature de cada notificação',
    secret: true,
    requiredInLive: true,
  }),
  base_url: z.url().optional().meta({ label: 'Endereço do emulador', help: 'Só no ambiente de teste', testOnly: true }),
});

export type MercadopagoAccountConfig = z.infer<typeof mercadopagoAccount>;

/** A provider account as this adapter uses it: its settings checked, its address resolved. */
export interface MercadopagoAccount {
  id: string;
  config: MercadopagoAccountConfig;
  apiUrl: string;
  /** The account talks to the Tillgate emulator, whose controls can play a payer. */
  emulated: boolean;
}

export function readMercadopagoAccount(account: ProviderAccount): MercadopagoAccount {
  const parsed = mercadopagoAccount.safeParse(account.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderRejected(
      `provider account ${account.id} is misconfigured: ${issue?.path.join('.') || 'config'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const config = parsed.data;
  // A live account never sends its token anywhere but Mercado Pago, whatever was stored.
  if (config.base_url && account.environment === 'live')
    throw new ProviderRejected(
      `provider account ${account.id}: a live account talks to Mercado Pago at its own address`,
    );
  return {
    id: account.id,
    config,
    apiUrl: (config.base_url ?? MERCADOPAGO_API).replace(/\/$/, ''),
    emulated: config.base_url !== undefined,
  };
}
