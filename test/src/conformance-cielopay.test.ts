import { linkDemoAccount, unlinkDemoWallet } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { type CieloEmulator, startCieloEmulator } from '@tillgate/simulator/emulators/cielopay';
import { conformanceSuite } from './support/conformance.js';
import type { TestGateway } from './support/gateway.js';
import type { ProviderUnderTest } from './support/providers.js';

const ACCOUNT_ID = 'pac_CONFCIELOPAY00000000000000';
const MERCHANT = {
  merchantId: '00000000-c1e1-4000-8000-00000000c0f0',
  merchantKey: 'CONFORMANCEKEYCONFORMANCEKEYCONFORMANCE0',
};
const HEADER = 'x-tillgate-cielo';
const TOKEN = 'conformance-static-token-of-the-portal';

/** Cielo's emulator as the demo tills' cielopay wallet, its Notification Post registered as the portal would. */
async function cielopayProvider(t: TestGateway): Promise<ProviderUnderTest> {
  const emulator = await startCieloEmulator({ merchants: [], now: () => t.clock.now(), refundSettleMs: 0 });
  emulator.merchant({
    ...MERCHANT,
    notificationUrl: `${t.gateway.url}/v1/providers/cielopay/${ACCOUNT_ID}/webhook`,
    notificationHeaders: { [HEADER]: TOKEN },
  });
  await linkDemoAccount(t.gateway.deps, {
    accountId: ACCOUNT_ID,
    adapter: 'cielopay',
    wallet: 'cielopay',
    name: 'CieloPay (emulated Cielo)',
    config: {
      merchant_id: MERCHANT.merchantId,
      merchant_key: MERCHANT.merchantKey,
      notification_header: HEADER,
      notification_token: TOKEN,
      base_url: emulator.url,
    },
  });
  const saleOf = (order: Pick<Order, 'id'>) => saleFor(emulator, order);
  return {
    name: 'cielopay against the Cielo emulator',
    adapter: 'cielopay',
    async pay(order, options = {}) {
      const sale = saleOf(order);
      if (!sale) throw new Error(`no Cielo sale for ${order.id}`);
      await emulator.pay(sale.paymentId, options.amount === undefined ? {} : { amount: options.amount });
    },
    chargeStatus: (order) => {
      const sale = saleOf(order);
      return sale === undefined ? undefined : String(sale.status);
    },
    removedStatus: '10',
    fail: ({ createOnly, ...fault }) => emulator.fail({ ...fault, ...(createOnly ? { match: '^POST /1/sales' } : {}) }),
    heal: () => emulator.heal(),
    notify: (mode) => emulator.setWebhookMode(mode === 'drop' ? 'never' : mode),
    async close() {
      await unlinkDemoWallet(t.gateway.deps, 'cielopay', 'cielopay');
      await emulator.close();
    },
  };
}

/** The order's sale: its MerchantOrderId is the order id's last 25 characters (the adapter's mapper). */
function saleFor(emulator: CieloEmulator, order: Pick<Order, 'id'>) {
  const merchantOrderId = order.id.slice(order.id.indexOf('_') + 1).slice(-25);
  return emulator.ledger.byOrder(MERCHANT.merchantId, merchantOrderId).at(-1);
}

await conformanceSuite('cielopay, against the Cielo emulator', (t) => cielopayProvider(t), 'cielopay');
