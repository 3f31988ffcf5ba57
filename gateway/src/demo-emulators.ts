import { randomBytes } from 'node:crypto';
import { type AmeEmulator, startAmeEmulator } from '@tillgate/simulator/emulators/ame';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import type { Gateway } from './gateway.js';
import { type DemoDeps, linkDemoAccount, unlinkDemoWallet } from './services/demo-accounts.js';
import { linkDemoPix, profilePaths } from './services/demo-pix.js';

const DEMO_PROFILE = 'bb';

/**
 * Starts the Pix PSP emulator on loopback, playing the demo profile's bank, and routes the demo
 * merchant's `pix` wallet to it through the real `pix-bcb` adapter, its webhook registered.
 */
export async function startDemoEmulators(gateway: Gateway): Promise<{ pix: PixEmulator; ame: AmeEmulator }> {
  const clientId = 'demo-pix-client';
  const clientSecret = randomBytes(18).toString('base64url');
  const appKey = randomBytes(12).toString('hex');
  const paths = profilePaths(DEMO_PROFILE);
  const pix = await startPixEmulator({
    clientId,
    clientSecret,
    tokenPath: paths.tokenPath,
    apiPath: paths.apiPath,
    ...(paths.appKeyParam ? { requiredQuery: { name: paths.appKeyParam, value: appKey } } : {}),
    // Settled before the PSP answers, so a refund's 201 already shows its outcome, as with the sandbox.
    refundSettleMs: 0,
  });
  const linked = await linkDemoPix(gateway.deps, {
    origin: pix.url,
    profile: DEMO_PROFILE,
    clientId,
    clientSecret,
    appKey,
  });
  if (linked) pix.webhooks.register(linked.pixKey, gateway.url + linked.webhookPath);
  return { pix, ame: await startDemoAme(gateway) };
}

/** Ame Digital's emulator, the demo's `ame` wallet through the real `ame` adapter (each order names its callback). */
async function startDemoAme(gateway: Gateway): Promise<AmeEmulator> {
  const [clientId, clientSecret] = ['demo-ame-client', randomBytes(18).toString('base64url')];
  const ame = await startAmeEmulator({ clientId, clientSecret, refundSettleMs: 0 });
  await linkDemoAccount(gateway.deps, {
    accountId: 'pac_DEMOAME0000000000000000000',
    adapter: 'ame',
    wallet: 'ame',
    name: 'Ame (emulated)',
    provider: 'ame-emulator',
    config: { client_id: clientId, client_secret: clientSecret, base_url: ame.url },
  });
  return ame;
}

/** Without emulators, the demo wallets an earlier run linked to one go back to the sandbox. */
export async function unlinkDemoEmulators(deps: DemoDeps): Promise<void> {
  await linkDemoPix(deps, undefined);
  await unlinkDemoWallet(deps, 'ame', 'ame');
}

/** Each running emulator's URL by wallet, as `demo-credentials.json` lists them under `emulators`. */
export const emulatorUrls = (emulators: Record<string, { url: string }> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(emulators ?? {}).map(([wallet, e]) => [wallet, e.url]));
