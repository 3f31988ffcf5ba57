import { PIX_PROFILES, type PixProfileId } from '../adapters/pix-bcb/profiles.js';
import { type DemoDeps, linkDemoAccount, unlinkDemoWallet } from './accounts.js';

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
  deps: DemoDeps,
  link: DemoPixLink | undefined,
): Promise<LinkedPixAccount | undefined> {
  if (!link) {
    await unlinkDemoWallet(deps, 'pix-bcb', 'pix');
    return undefined;
  }
  const linked = await linkDemoAccount(deps, {
    accountId: link.accountId ?? DEMO_PIX_ACCOUNT_ID,
    adapter: 'pix-bcb',
    wallet: 'pix',
    name: 'Pix (emulated PSP)',
    provider: 'pix-emulator',
    config: {
      profile: link.profile ?? 'bb',
      pix_key: DEMO_PIX_KEY,
      client_id: link.clientId,
      client_secret: link.clientSecret,
      ...(link.appKey ? { app_key: link.appKey } : {}),
      base_url: link.origin,
      emulator: true,
    },
  });
  if (!linked.webhookPath) throw new Error('pix-bcb gave the demo account no webhook path');
  return { accountId: linked.accountId, pixKey: DEMO_PIX_KEY, webhookPath: linked.webhookPath };
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

/** With the emulators off, the demo wallets an earlier start linked to them go back to the sandbox. */
export async function unlinkDemoEmulators(deps: DemoDeps): Promise<void> {
  await linkDemoPix(deps, undefined);
  for (const wallet of ['pagbank', 'mercadopago', 'ame', 'cielopay', 'picpay'] as const) {
    await unlinkDemoWallet(deps, wallet, wallet);
  }
}
