import {
  type PaymentAdapter,
  type ProviderCapabilities,
  type ProviderDescriptor,
  sandboxDescriptor,
} from '@tillgate/gateway';
import { z } from 'zod';

/** Every call the fake provider was asked to make, by method, so a test sees that none was. */
export type FakeProviderCalls = Record<'createCharge' | 'getCharge' | 'cancelCharge' | 'refund', number>;

/**
 * A provider as a folder exports one, for tests: instant charges and refunds, each call counted, paid
 * through the sandbox route (it has no emulator). Registered with one line: `providers: [fake.descriptor]`.
 */
export function fakeProvider(
  options: { id?: string; wallets?: ProviderDescriptor['wallets']; capabilities?: Partial<ProviderCapabilities> } = {},
): { descriptor: ProviderDescriptor; calls: FakeProviderCalls } {
  const id = options.id ?? 'fakepay';
  const wallets = options.wallets ?? ['picpay'];
  const calls: FakeProviderCalls = { createCharge: 0, getCharge: 0, cancelCharge: 0, refund: 0 };
  const adapter: PaymentAdapter = {
    id,
    wallets,
    async createCharge({ order }) {
      calls.createCharge += 1;
      return { providerRef: `fake_${order.orderId}`, qrCodeText: `fake:${order.orderId}`, deepLink: null };
    },
    async getCharge() {
      calls.getCharge += 1;
      return { status: 'pending' };
    },
    async cancelCharge() {
      calls.cancelCharge += 1;
    },
    async refund() {
      calls.refund += 1;
      return { status: 'succeeded' };
    },
    async parseNotification() {
      return [];
    },
    async testConnection() {},
  };
  const descriptor: ProviderDescriptor = {
    id,
    displayName: 'FakePay',
    wallets,
    // As generous as the sandbox unless the test narrows what it checks.
    capabilities: { ...sandboxDescriptor.capabilities, ...options.capabilities },
    account: z.object({
      merchant_code: z.string().min(1).max(40).meta({ label: 'Código do lojista', help: 'Como a FakePay o chama' }),
      api_token: z.string().min(1).max(200).meta({ label: 'Token da API', secret: true }),
      region: z.enum(['br', 'latam']).optional().meta({ label: 'Região' }),
      webhook_key_pem: z
        .string()
        .regex(/-----BEGIN [A-Z ]+-----/)
        .optional()
        .meta({ label: 'Chave pública (PEM)', requiredInLive: true }),
      base_url: z.url().optional().meta({ label: 'Emulador FakePay', testOnly: true }),
    }),
    create: () => adapter,
  };
  return { descriptor, calls };
}
