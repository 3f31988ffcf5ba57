import type { PaymentAdapter, ProviderAccount } from './types.js';

/** Turns an account as stored into the one an adapter reads (its sealed secrets opened). */
export type AccountOpener = (account: ProviderAccount) => ProviderAccount;

/** Adapters by id; an account names the adapter that speaks its provider's protocol. */
export class AdapterRegistry {
  private readonly byId: Map<string, PaymentAdapter>;

  constructor(adapters: readonly PaymentAdapter[], open?: AccountOpener) {
    this.byId = new Map(adapters.map((a) => [a.id, open ? withOpenedAccounts(a, open) : a]));
  }

  get(id: string): PaymentAdapter {
    const adapter = this.byId.get(id);
    if (!adapter) throw new Error(`no adapter registered as ${id}`);
    return adapter;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}

/** The adapter, handed every account with its secrets opened: adapters never see them sealed. */
function withOpenedAccounts(adapter: PaymentAdapter, open: AccountOpener): PaymentAdapter {
  const { testConnection, simulatePayment } = adapter;
  return {
    id: adapter.id,
    wallets: adapter.wallets,
    createCharge: (input) => adapter.createCharge({ ...input, account: open(input.account) }),
    getCharge: (input) => adapter.getCharge({ ...input, account: open(input.account) }),
    cancelCharge: (input) => adapter.cancelCharge({ ...input, account: open(input.account) }),
    refund: (input) => adapter.refund({ ...input, account: open(input.account) }),
    parseNotification: (input) => adapter.parseNotification({ ...input, account: open(input.account) }),
    ...(testConnection ? { testConnection: (account) => testConnection.call(adapter, open(account)) } : {}),
    ...(simulatePayment
      ? { simulatePayment: (input) => simulatePayment.call(adapter, { ...input, account: open(input.account) }) }
      : {}),
  };
}
