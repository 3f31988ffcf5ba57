import { randomBytes } from 'node:crypto';
import type { Environment } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { AccountFieldError, type StoredAccount } from '../descriptor.js';
import { demandsCertificate, PIX_PROFILE_IDS, PIX_PROFILES } from './profiles.js';

const pem = (what: string) =>
  z
    .string()
    .max(20_000)
    .regex(/-----BEGIN [A-Z ]+-----/, `must be a PEM ${what}`);

/** The banks whose sandbox demands a client certificate too; any bank does in live. */
const certificateInTest = {
  field: 'profile',
  values: PIX_PROFILE_IDS.filter((id) => demandsCertificate(PIX_PROFILES[id], 'test')),
  // In test, an emulator at `base_url` stands in for the bank and its certificate.
  waivedBy: 'base_url',
};

/** A bank's Pix account as the merchant registers it; stored as `account.ts` reads it. */
export const pixAccountFields = z.object({
  profile: z.enum(PIX_PROFILE_IDS).meta({
    label: 'Banco',
    optionLabels: Object.fromEntries(PIX_PROFILE_IDS.map((id) => [id, PIX_PROFILES[id].name])),
  }),
  pix_key: z.string().min(1).max(77).meta({ label: 'Chave Pix', help: 'A chave que recebe os pagamentos' }),
  client_id: z.string().min(1).max(200).meta({ label: 'Client ID' }),
  client_secret: z.string().min(1).max(500).meta({ label: 'Client secret', secret: true }),
  certificate_pem: pem('certificate').optional().meta({
    label: 'Certificado (PEM)',
    help: 'Certificado do cliente (mTLS)',
    secret: true,
    requiredInLive: true,
    requiredInTestFor: certificateInTest,
  }),
  key_pem: pem('private key')
    .optional()
    .meta({ label: 'Chave privada (PEM)', secret: true, requiredInLive: true, requiredInTestFor: certificateInTest }),
  app_key: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ label: 'Chave do aplicativo', help: 'gw-dev-app-key (Banco do Brasil)' }),
  base_url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional()
    .meta({ label: 'Endereço do PSP', help: 'Só em teste: o emulador Pix no lugar do banco', testOnly: true }),
  emulator: z
    .boolean()
    .optional()
    .meta({ label: 'Emulador Tillgate', help: 'Só em teste: o base_url é o emulador Pix', testOnly: true }),
});

/**
 * The account as `account.ts` reads it (its older camelCase), with a fresh webhook secret the PSP
 * presents on each notification, and the path the merchant registers at the bank.
 */
export function storePixAccount(
  input: Record<string, unknown>,
  account: { id: string; environment: Environment },
): StoredAccount {
  const fields = pixAccountFields.parse(input);
  if (Boolean(fields.certificate_pem) !== Boolean(fields.key_pem))
    throw new AccountFieldError(
      [{ field: 'key_pem', message: 'goes with certificate_pem' }],
      'A client certificate needs its private key, and back',
    );
  const webhookSecret = randomBytes(24).toString('base64url');
  return {
    config: {
      kind: 'pix',
      wallets: ['pix'],
      profile: fields.profile,
      pixKey: fields.pix_key,
      clientId: fields.client_id,
      hasCertificate: Boolean(fields.certificate_pem),
      ...(fields.app_key ? { appKey: fields.app_key } : {}),
      ...(fields.base_url ? { origin: fields.base_url } : {}),
      ...(fields.emulator ? { emulator: true } : {}),
    },
    secrets: {
      clientSecret: fields.client_secret,
      webhookSecret,
      ...(fields.certificate_pem && fields.key_pem
        ? { certificate: { cert: fields.certificate_pem, key: fields.key_pem } }
        : {}),
    },
    webhookPath: `/v1/providers/pix/${account.id}/webhook?secret=${webhookSecret}`,
  };
}

/** Accounts registered before live refused test-grade ones are caught when an order would use them. */
export function pixUnfitForLive(config: Record<string, unknown>): string | undefined {
  if (typeof config.origin === 'string') return 'overrides the bank’s address';
  if (config.hasCertificate !== true) return 'has no client certificate';
  return undefined;
}
