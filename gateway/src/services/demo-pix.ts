import { randomBytes } from 'node:crypto';
import { PIX_PROFILES, type PixProfileId } from '../adapters/pix-bcb/profiles.js';
import { associateWallet, dissociateWallet, saveProviderAccount } from '../store/wallets.js';
import { DEMO_MERCHANT_ID, DEMO_TILL_IDS } from './demo-seed.js';
import type { ServiceDeps } from './deps.js';

export const DEMO_PIX_ACCOUNT_ID = 'pac_DEMOPIX0000000000000000000';
const DEMO_PIX_KEY = 'pix@padaria-demonstracao.example';

export interface DemoPixLink {
  /** The Pix PSP emulator's URL. */
  origin: string;
  profile?: PixProfileId;
  clientId: string;
  clientSecret: string;
  appKey?: string;
  /** Provider account to link; one per profile lets tests keep orders of earlier links working. */
  accountId?: string;
}

export interface LinkedPixAccount {
  accountId: string;
  pixKey: string;
  /** The path PSP notifications go to (the PSP appends `/pix`), with the account's secret. */
  webhookPath: string;
}

/**
 * Points the demo merchant's `pix` wallet at a Pix PSP emulator through the real `pix-bcb` adapter
 * (its tills' own association overrides the store's sandbox one), or, without a link, back at the sandbox.
 */
export async function linkDemoPix(
  deps: ServiceDeps,
  link: DemoPixLink | undefined,
): Promise<LinkedPixAccount | undefined> {
  return deps.knex.transaction(async (trx) => {
    const linked = await trx('wallet_associations')
      .join('provider_accounts', 'provider_accounts.id', 'wallet_associations.provider_account_id')
      .where({ 'provider_accounts.merchant_id': DEMO_MERCHANT_ID, 'provider_accounts.adapter': 'pix-bcb' })
      .distinct('provider_accounts.id');
    for (const row of linked) await dissociateWallet(trx, row.id as string, 'pix');
    if (!link) return undefined;

    const accountId = link.accountId ?? DEMO_PIX_ACCOUNT_ID;
    const webhookSecret = randomBytes(24).toString('base64url');
    await saveProviderAccount(trx, {
      id: accountId,
      merchantId: DEMO_MERCHANT_ID,
      environment: 'test',
      adapter: 'pix-bcb',
      provider: 'pix-emulator',
      name: 'Pix (emulated PSP)',
      config: {
        profile: link.profile ?? 'bb',
        clientId: link.clientId,
        clientSecret: link.clientSecret,
        ...(link.appKey ? { appKey: link.appKey } : {}),
        pixKey: DEMO_PIX_KEY,
        webhookSecret,
        origin: link.origin,
        emulator: true,
      },
      createdAt: deps.clock.now(),
    });
    for (const tillId of DEMO_TILL_IDS)
      await associateWallet(trx, { providerAccountId: accountId, wallet: 'pix', tillId });
    return {
      accountId,
      pixKey: DEMO_PIX_KEY,
      webhookPath: `/v1/providers/pix/${accountId}/webhook?secret=${webhookSecret}`,
    };
  });
}

/** Where a bank's token endpoint and API Pix live, as paths: an emulator serving them there plays that bank. */
export function profilePaths(profile: PixProfileId): { tokenPath: string; apiPath: string; appKeyParam?: string } {
  const p = PIX_PROFILES[profile];
  return {
    tokenPath: new URL(p.tokenUrl.test).pathname,
    apiPath: new URL(p.apiUrl.test).pathname,
    ...(p.appKeyParam ? { appKeyParam: p.appKeyParam } : {}),
  };
}
