import { randomBytes } from 'node:crypto';
import { type MercadopagoEmulator, startMercadopagoEmulator } from '@tillgate/simulator/emulators/mercadopago';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import type { Gateway } from './gateway.js';
import { linkDemoAccount } from './services/demo-accounts.js';
import { linkDemoPix, profilePaths } from './services/demo-pix.js';

const DEMO_PROFILE = 'bb';

/** The emulators the demo runs, by wallet: each one's URL goes into `demo-credentials.json`'s `emulators`. */
export type DemoEmulators = {
  pix: PixEmulator;
  mercadopago: MercadopagoEmulator;
};

/**
 * Starts each wallet's emulator on loopback and routes the demo merchant's wallet to it through the real
 * adapter, its notifications pointed at the gateway: Pix playing the demo profile's bank, Mercado Pago.
 */
export async function startDemoEmulators(gateway: Gateway): Promise<DemoEmulators> {
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
  return { pix, mercadopago: await startMercadopago(gateway) };
}

async function startMercadopago(gateway: Gateway): Promise<MercadopagoEmulator> {
  const config = {
    access_token: `APP_USR-${randomBytes(18).toString('hex')}`,
    webhook_secret: randomBytes(24).toString('hex'),
  };
  const emulator = await startMercadopagoEmulator({
    accessToken: config.access_token,
    webhookSecret: config.webhook_secret,
  });
  const { accountId } = await linkDemoAccount(gateway.deps, {
    accountId: 'pac_DEMOMERCADOPAGO0000000000',
    adapter: 'mercadopago',
    wallet: 'mercadopago',
    name: 'Mercado Pago (emulador)',
    provider: 'Mercado Pago',
    config: { ...config, base_url: emulator.url },
  });
  emulator.setNotificationUrl(`${gateway.url}/v1/providers/mercadopago/${accountId}/webhook`);
  return emulator;
}
