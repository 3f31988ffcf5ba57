import { linkDemoAccount } from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { startMercadopagoEmulator } from '@tillgate/simulator/emulators/mercadopago';
import { conformanceSuite } from './support/conformance.js';
import type { TestGateway } from './support/gateway.js';
import type { ProviderUnderTest } from './support/providers.js';

/** The Mercado Pago emulator as the demo tills' `mercadopago` wallet, through the real adapter. */
async function mercadopagoProvider(t: TestGateway): Promise<ProviderUnderTest> {
  const secrets = { access_token: 'APP_USR-conformance', webhook_secret: 'conformance-webhook-secret' };
  const emulator = await startMercadopagoEmulator({
    accessToken: secrets.access_token,
    webhookSecret: secrets.webhook_secret,
    now: () => t.clock.now(),
  });
  const linked = await linkDemoAccount(t.gateway.deps, {
    accountId: `pac_${'CONFMERCADOPAGO'.padEnd(26, '0')}`,
    adapter: 'mercadopago',
    wallet: 'mercadopago',
    name: 'Mercado Pago (emulador)',
    config: { ...secrets, base_url: emulator.url },
  });
  emulator.setNotificationUrl(`${t.gateway.url}/v1/providers/mercadopago/${linked.accountId}/webhook`);
  const at = (order: Order) => emulator.ledger.byReference(order.id);
  return {
    name: 'mercadopago',
    adapter: 'mercadopago',
    async pay(order, options = {}) {
      const placed = at(order);
      if (!placed) throw new Error(`no Mercado Pago order for ${order.id}`);
      await emulator.pay(placed.id, options.amount === undefined ? {} : { centavos: options.amount });
    },
    chargeStatus: (order) => at(order)?.status,
    removedStatus: 'canceled',
    fail: ({ createOnly, ...fault }) =>
      emulator.fail({ ...fault, ...(createOnly ? { match: '^POST /v1/orders$' } : {}) }),
    heal: () => emulator.heal(),
    notify: (mode) => emulator.setWebhookMode(mode === 'drop' ? 'never' : mode),
    close: () => emulator.close(),
  };
}

await conformanceSuite('mercadopago', mercadopagoProvider, 'mercadopago');
