import { randomBytes, randomUUID } from 'node:crypto';
import { type CieloEmulator, startCieloEmulator } from '@tillgate/simulator/emulators/cielopay';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import type { Gateway } from './gateway.js';
import { linkDemoAccount, unlinkDemoWallet } from './services/demo-accounts.js';
import { linkDemoPix, profilePaths } from './services/demo-pix.js';

const DEMO_PROFILE = 'bb';
const DEMO_CIELOPAY_ACCOUNT_ID = 'pac_DEMOCIELOPAY00000000000000';

/** The demo's emulators by wallet; `pnpm start` writes their URLs in `demo-credentials.json` under `emulators`. */
export type DemoEmulators = {
  pix: PixEmulator;
  cielopay: CieloEmulator;
};

/**
 * Starts each wallet's emulator on loopback and routes the demo merchant's wallet to it through the
 * real adapter, its notifications registered: the Pix PSP playing the demo profile's bank, Cielo.
 */
export async function startDemoEmulators(gateway: Gateway): Promise<DemoEmulators> {
  return { pix: await startDemoPix(gateway), cielopay: await startDemoCielo(gateway) };
}

/** Without emulators every demo wallet goes back to the sandbox, whatever an earlier run linked. */
export async function unlinkDemoEmulators(gateway: Gateway): Promise<void> {
  await linkDemoPix(gateway.deps, undefined);
  await unlinkDemoWallet(gateway.deps, 'cielopay', 'cielopay');
}

async function startDemoPix(gateway: Gateway): Promise<PixEmulator> {
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
  return pix;
}

/** Cielo's emulator, the demo merchant registered in its "portal" with a notification URL and header. */
async function startDemoCielo(gateway: Gateway): Promise<CieloEmulator> {
  const merchant = { merchantId: randomUUID(), merchantKey: randomBytes(30).toString('base64url') };
  const header = 'x-tillgate-cielo';
  const token = randomBytes(24).toString('base64url');
  const cielo = await startCieloEmulator({ merchants: [], refundSettleMs: 0 });
  cielo.merchant({
    ...merchant,
    notificationUrl: `${gateway.url}/v1/providers/cielopay/${DEMO_CIELOPAY_ACCOUNT_ID}/webhook`,
    notificationHeaders: { [header]: token },
  });
  await linkDemoAccount(gateway.deps, {
    accountId: DEMO_CIELOPAY_ACCOUNT_ID,
    adapter: 'cielopay',
    wallet: 'cielopay',
    name: 'CieloPay (emulated Cielo)',
    config: {
      merchant_id: merchant.merchantId,
      merchant_key: merchant.merchantKey,
      notification_header: header,
      notification_token: token,
      base_url: cielo.url,
    },
  });
  return cielo;
}
