import { randomBytes } from 'node:crypto';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import type { Gateway } from './gateway.js';
import { linkDemoPix, profilePaths } from './services/demo-pix.js';

const DEMO_PROFILE = 'bb';

/**
 * Starts the Pix PSP emulator on loopback, playing the demo profile's bank, and routes the demo
 * merchant's `pix` wallet to it through the real `pix-bcb` adapter, its webhook registered.
 */
export async function startDemoEmulators(gateway: Gateway): Promise<{ pix: PixEmulator }> {
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
  return { pix };
}
