import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../domain/clock.js';
import type { ProviderDescriptor } from './descriptor.js';
import { AdapterRegistry } from './registry.js';
import { descriptor as sandbox } from './sandbox/index.js';
import type { PaymentAdapter, ProviderAccount } from './types.js';

const account: ProviderAccount = {
  id: 'pac_1',
  merchantId: 'mer_1',
  environment: 'test',
  adapter: 'fake',
  provider: 'fake',
  config: { sealed: 'x' },
};
const open = (a: ProviderAccount): ProviderAccount => ({ ...a, config: { opened: true } });

/** An adapter with a method no interface declares yet: it must reach the adapter, accounts opened. */
function fake(seen: unknown[]): PaymentAdapter & { future(input: { account: ProviderAccount }): unknown } {
  const record = async (input: unknown) => {
    seen.push(input);
    return [];
  };
  return {
    id: 'fake',
    wallets: ['picpay'],
    createCharge: record as never,
    getCharge: record as never,
    cancelCharge: record as never,
    refund: record as never,
    parseNotification: record as never,
    testConnection: async (a) => {
      seen.push(a);
    },
    future(input) {
      return input.account.config;
    },
  };
}

const descriptor = (adapter: PaymentAdapter, made: { count: number }): ProviderDescriptor => ({
  id: adapter.id,
  displayName: 'Fake',
  wallets: adapter.wallets,
  capabilities: sandbox.capabilities,
  account: z.object({}),
  create() {
    made.count++;
    return adapter;
  },
});

const context = { log: undefined as never, clock: systemClock, timeoutMs: 1000 };

describe('AdapterRegistry', () => {
  it('makes each adapter once and opens the account of every call, a method it does not know included', async () => {
    const seen: unknown[] = [];
    const adapter = fake(seen);
    const made = { count: 0 };
    const registry = new AdapterRegistry({ descriptors: [descriptor(adapter, made)] }, context, open);
    const wrapped = registry.get('fake') as typeof adapter;
    await wrapped.getCharge({ providerRef: 'r', account });
    await wrapped.testConnection?.(account);
    expect(seen).toEqual([{ providerRef: 'r', account: { ...account, config: { opened: true } } }, open(account)]);
    expect(wrapped.future({ account })).toEqual({ opened: true });
    expect(wrapped.simulatePayment).toBeUndefined();
    expect([made.count, registry.descriptor('fake')?.displayName, registry.forWallet('picpay')]).toEqual([
      1,
      'Fake',
      'fake',
    ]);
  });

  it('an adapter passed beside the descriptors replaces the one of the same id', () => {
    const made = { count: 0 };
    const replacement = { ...fake([]), wallets: ['ame'] } as PaymentAdapter;
    const registry = new AdapterRegistry(
      { descriptors: [descriptor(fake([]), made)], adapters: [replacement] },
      context,
    );
    expect(registry.get('fake').wallets).toEqual(['ame']);
    expect(registry.has('other')).toBe(false);
  });
});
