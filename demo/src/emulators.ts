import { randomBytes, randomUUID } from 'node:crypto';
import { type Gateway, linkDemoAccount, linkDemoPix, profilePaths } from '@tillgate/gateway';
import { type AmeEmulator, startAmeEmulator } from '@tillgate/simulator/emulators/ame';
import { type CieloEmulator, startCieloEmulator } from '@tillgate/simulator/emulators/cielopay';
import { type MercadopagoEmulator, startMercadopagoEmulator } from '@tillgate/simulator/emulators/mercadopago';
import { type StartedPagBankEmulator, startPagBankEmulator } from '@tillgate/simulator/emulators/pagbank';
import { type PicPayEmulator, startPicPayEmulator } from '@tillgate/simulator/emulators/picpay';
import { type PixEmulator, startPixEmulator } from '@tillgate/simulator/emulators/pix';

const DEMO_PROFILE = 'bb';
const DEMO_PAGBANK_ACCOUNT_ID = 'pac_DEMOPAGBANK000000000000000';
const DEMO_CIELOPAY_ACCOUNT_ID = 'pac_DEMOCIELOPAY00000000000000';
const DEMO_MERCADOPAGO_ACCOUNT_ID = 'pac_DEMOMERCADOPAGO00000000000';

/** The emulators beside the demo gateway, by the wallet each stands for. */
export type DemoEmulators = {
  pix: PixEmulator;
  pagbank: StartedPagBankEmulator;
  ame: AmeEmulator;
  cielopay: CieloEmulator;
  mercadopago: MercadopagoEmulator;
  picpay: PicPayEmulator;
};

/**
 * Starts the provider emulators on loopback and routes each demo wallet to its own through the real
 * adapter: `pix` to the Pix PSP emulator playing the demo profile's bank (its webhook registered),
 * `pagbank` to the PagBank emulator, `ame` to the Ame Digital emulator, `cielopay` to the Cielo emulator (its
 * notification URL registered), `mercadopago` to the Mercado Pago one (its webhook URL set).
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
  return {
    pix,
    pagbank: await startDemoPagBank(gateway),
    ame: await startDemoAme(gateway),
    cielopay: await startDemoCielo(gateway),
    mercadopago: await startDemoMercadopago(gateway),
    picpay: await startDemoPicPay(gateway),
  };
}

async function startDemoPagBank(gateway: Gateway): Promise<StartedPagBankEmulator> {
  const pagbank = await startPagBankEmulator({ token: randomBytes(18).toString('base64url') });
  await linkDemoAccount(gateway.deps, {
    accountId: DEMO_PAGBANK_ACCOUNT_ID,
    adapter: 'pagbank',
    wallet: 'pagbank',
    name: 'PagBank (emulador)',
    config: { token: pagbank.token, base_url: pagbank.url },
  });
  return pagbank;
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
    name: 'CieloPay (emulador)',
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

async function startDemoMercadopago(gateway: Gateway): Promise<MercadopagoEmulator> {
  const secrets = {
    access_token: `APP_USR-${randomBytes(18).toString('hex')}`,
    webhook_secret: randomBytes(24).toString('hex'),
  };
  const mercadopago = await startMercadopagoEmulator({
    accessToken: secrets.access_token,
    webhookSecret: secrets.webhook_secret,
  });
  await linkDemoAccount(gateway.deps, {
    accountId: DEMO_MERCADOPAGO_ACCOUNT_ID,
    adapter: 'mercadopago',
    wallet: 'mercadopago',
    name: 'Mercado Pago (emulador)',
    config: { ...secrets, base_url: mercadopago.url },
  });
  mercadopago.setNotificationUrl(`${gateway.url}/v1/providers/mercadopago/${DEMO_MERCADOPAGO_ACCOUNT_ID}/webhook`);
  return mercadopago;
}

/** Ame Digital's emulator, the demo's `ame` wallet through the real `ame` adapter (each order names its callback). */
async function startDemoAme(gateway: Gateway): Promise<AmeEmulator> {
  const [clientId, clientSecret] = ['demo-ame-client', randomBytes(18).toString('base64url')];
  const ame = await startAmeEmulator({ clientId, clientSecret, refundSettleMs: 0 });
  await linkDemoAccount(gateway.deps, {
    accountId: 'pac_DEMOAME0000000000000000000',
    adapter: 'ame',
    wallet: 'ame',
    name: 'Ame (emulador)',
    provider: 'ame-emulator',
    config: { client_id: clientId, client_secret: clientSecret, base_url: ame.url },
  });
  return ame;
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
