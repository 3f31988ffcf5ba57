import { linkDemoAccount, unlinkDemoWallet } from '@tillgate/gateway';
import { startPagBankEmulator } from '@tillgate/simulator/emulators/pagbank';
import { conformanceSuite } from './support/conformance.js';
import type { ProviderUnderTest } from './support/providers.js';

/** The PagBank emulator, linked to the demo tills' `pagbank` wallet through the real `pagbank` adapter. */
await conformanceSuite(
  'pagbank, against the PagBank emulator',
  async (t): Promise<ProviderUnderTest> => {
    const emulator = await startPagBankEmulator({ token: 'conformance-pagbank-token', now: () => t.clock.now() });
    await linkDemoAccount(t.gateway.deps, {
      accountId: 'pac_CONFPAGBANK000000000000000',
      adapter: 'pagbank',
      wallet: 'pagbank',
      name: 'PagBank (emulator)',
      config: { token: emulator.token, base_url: emulator.url },
    });
    const pagbankOrder = (order: { id: string }) => emulator.ledger.orderByReference(order.id);
    return {
      name: 'pagbank',
      adapter: 'pagbank',
      async pay(order, options = {}) {
        await emulator.pay(pagbankOrder(order).id, options.amount === undefined ? {} : { amount: options.amount });
      },
      chargeStatus(order) {
        try {
          // A QR order has no charge until paid: WAITING stands for "held, unpaid" as PagBank's charges say it.
          return pagbankOrder(order).charges.at(-1)?.status ?? 'WAITING';
        } catch {
          return undefined; // PagBank never took it
        }
      },
      // No removedStatus: PagBank cannot withdraw an unpaid QR order; it expires with ours.
      fail: ({ createOnly, ...fault }) =>
        emulator.fail({ ...fault, ...(createOnly ? { match: '^POST /orders$' } : {}) }),
      heal: () => emulator.heal(),
      notify: (mode) => emulator.setWebhookMode(mode === 'drop' ? 'never' : mode),
      async close() {
        await unlinkDemoWallet(t.gateway.deps, 'pagbank', 'pagbank');
        await emulator.close();
      },
    };
  },
  'pagbank',
);
