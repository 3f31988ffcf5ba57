import { randomBytes } from 'node:crypto';
import { type PicPayEmulator, startPicPayEmulator } from '@tillgate/simulator/emulators/picpay';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import type { Gateway } from './gateway.js';
import { linkDemoAccount } from './services/demo-accounts.js';
import { linkDemoPix, profilePaths } from './services/demo-pix.js';

const DEMO_PROFILE = 'bb';

/**
 * Starts the Pix PSP emulator on loopback, playing the demo profile's bank, and routes the demo
 * merchant's `pix` wallet to it through the real `pix-bcb` adapter, its webhook registered.
 */
export async function startDemoEmulators(gateway: Gateway): Promise<{ pix: PixEmulator; picpay: PicPayEmulator }> {
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
  return { pix, picpay: await startDemoPicPay(gateway) };
}

/** The PicPay emulator, the demo merchant's `picpay` wallet routed to it through the real `picpay` adapter. */
async function startDemoPicPay(gateway: Gateway): Promise<PicPayEmulator> {
  const tokens = {
    picpay_token: randomBytes(18).toString('base64url'),
    seller_token: randomBytes(18).toString('base64url'),
  };
  const picpay = await startPicPayEmulator({ picpayToken: tokens.picpay_token, sellerToken: tokens.seller_token });
  await linkDemoAccount(gateway.deps, {
    accountId: 'pac_DEMOPICPAY0000000000000000',
    adapter: 'picpay',
    wallet: 'picpay',
    name: 'PicPay (emulador)',
    config: { ...tokens, base_url: picpay.apiUrl },
  });
  return picpay;
}
