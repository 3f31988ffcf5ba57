import { linkDemoAccount, unlinkDemoWallet } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { type AmeEmulator, type AmeOrder, startAmeEmulator } from '@tillgate/simulator/emulators/ame';
import type { TestGateway } from './gateway.js';
import type { ProviderUnderTest } from './providers.js';

export interface AmeUnderTest extends ProviderUnderTest {
  emulator: AmeEmulator;
  /** Ame's order behind one of ours (found by the reference the adapter writes into `customPayload`). */
  ameOrder(order: Pick<Order, 'id'>): AmeOrder | undefined;
}

/** The Ame emulator, linked to the demo tills' `ame` wallet through the real `ame` adapter. */
export async function ameProvider(t: TestGateway): Promise<AmeUnderTest> {
  const [clientId, clientSecret] = ['ame-conformance-client', 'ame-conformance-secret'];
  const emulator = await startAmeEmulator({ clientId, clientSecret, refundSettleMs: 0, now: () => t.clock.now() });
  await linkDemoAccount(t.gateway.deps, {
    accountId: 'pac_CONFAME0000000000000000000',
    adapter: 'ame',
    wallet: 'ame',
    name: 'Ame (emulated)',
    config: { client_id: clientId, client_secret: clientSecret, base_url: emulator.url },
  });
  const ameOrder = (order: Pick<Order, 'id'>) => emulator.ledger.findOrder('tillgateOrderId', order.id);
  return {
    name: 'ame',
    adapter: 'ame',
    emulator,
    ameOrder,
    async pay(order, options = {}) {
      const placed = ameOrder(order);
      if (!placed) throw new Error(`Ame holds no order for ${order.id}`);
      await emulator.pay(placed.id, options.amount === undefined ? {} : { amount: options.amount });
    },
    chargeStatus: (order) => ameOrder(order)?.status,
    removedStatus: 'CANCELED',
    fail: ({ createOnly, ...fault }) => emulator.fail({ ...fault, ...(createOnly ? { match: '^POST /orders$' } : {}) }),
    heal: () => emulator.heal(),
    notify: (mode) => emulator.setWebhookMode(mode === 'drop' ? 'never' : mode),
    async close() {
      await unlinkDemoWallet(t.gateway.deps, 'ame', 'ame');
      await emulator.close();
    },
  };
}
