import { linkDemoAccount, unlinkDemoWallet } from '@tillgate/gateway';
import { startPicPayEmulator } from '@tillgate/simulator/emulators/picpay';
import { conformanceSuite } from './support/conformance.js';
import type { TestGateway } from './support/gateway.js';
import type { ProviderUnderTest } from './support/providers.js';

/** The PicPay emulator, linked to the demo tills' picpay wallet through the real `picpay` adapter. */
async function picpayProvider(t: TestGateway): Promise<ProviderUnderTest> {
  const tokens = { picpay_token: 'conformance-picpay-token', seller_token: 'conformance-seller-token' };
  const emulator = await startPicPayEmulator({
    picpayToken: tokens.picpay_token,
    sellerToken: tokens.seller_token,
    now: () => t.clock.now(),
  });
  await linkDemoAccount(t.gateway.deps, {
    accountId: 'pac_CONFPICPAY0000000000000000',
    adapter: 'picpay',
    wallet: 'picpay',
    name: 'PicPay (emulador)',
    config: { ...tokens, base_url: emulator.apiUrl },
  });
  // Our order id is PicPay's referenceId.
  const status = (id: string) => {
    try {
      return emulator.ledger.get(id).status;
    } catch {
      return undefined; // PicPay never took it
    }
  };
  return {
    name: 'picpay',
    adapter: 'picpay',
    async pay(order, options = {}) {
      await emulator.pay(order.id, options.amount === undefined ? {} : { centavos: options.amount });
    },
    chargeStatus: (order) => status(order.id),
    removedStatus: 'expired',
    fail: ({ createOnly, ...fault }) =>
      emulator.fail({ ...fault, ...(createOnly ? { match: '^POST .*/payments$' } : {}) }),
    heal: () => emulator.heal(),
    notify: (mode) => emulator.setWebhookMode(mode === 'drop' ? 'never' : mode),
    async close() {
      await unlinkDemoWallet(t.gateway.deps, 'picpay', 'picpay');
      await emulator.close();
    },
  };
}

await conformanceSuite('picpay, against the PicPay emulator', picpayProvider, 'picpay');
