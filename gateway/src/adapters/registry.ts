import type { Wallet } from '@tillgate/sdk/protocol';
import type { AdapterContext, ProviderDescriptor } from './descriptor.js';
import type { PaymentAdapter, ProviderAccount } from './types.js';

/** Turns an account as stored into the one an adapter reads (its sealed secrets opened). */
export type AccountOpener = (account: ProviderAccount) => ProviderAccount;

export interface InstalledProviders {
  /** Each makes its adapter once; a later one with the same id replaces an earlier one. */
  descriptors: readonly ProviderDescriptor[];
  /** Adapters made elsewhere (tests with test-sized deadlines); one with a descriptor's id replaces its adapter. */
  adapters?: readonly PaymentAdapter[];
}

/** The installed providers by id: what each declares, and the adapter that speaks its protocol. */
export class AdapterRegistry {
  private readonly descriptorsById = new Map<string, ProviderDescriptor>();
  private readonly adaptersById = new Map<string, PaymentAdapter>();

  constructor(installed: InstalledProviders, context: AdapterContext, open?: AccountOpener) {
    for (const d of installed.descriptors) this.descriptorsById.set(d.id, d);
    const made = [...this.descriptorsById.values()].map((d) => d.create(context));
    for (const adapter of [...made, ...(installed.adapters ?? [])])
      this.adaptersById.set(adapter.id, open ? withOpenedAccounts(adapter, open) : adapter);
  }

  get(id: string): PaymentAdapter {
    const adapter = this.adaptersById.get(id);
    if (!adapter) throw new Error(`no adapter registered as ${id}`);
    return adapter;
  }

  has(id: string): boolean {
    return this.adaptersById.has(id);
  }

  descriptor(id: string): ProviderDescriptor | undefined {
    return this.descriptorsById.get(id);
  }

  descriptors(): ProviderDescriptor[] {
    return [...this.descriptorsById.values()];
  }

  /** The adapter that takes a wallet's accounts: the one named after it, else another that takes it (never the sandbox). */
  forWallet(wallet: Wallet): string | undefined {
    if (this.has(wallet)) return wallet;
    return [...this.adaptersById.values()].find((a) => a.id !== 'sandbox' && a.wallets.includes(wallet))?.id;
  }
}

const isAccount = (value: unknown): value is ProviderAccount =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ProviderAccount).adapter === 'string' &&
  typeof (value as ProviderAccount).config === 'object';

/** An argument with every account in it opened: the account itself, or an input's `account`. */
function opened(arg: unknown, open: AccountOpener): unknown {
  if (isAccount(arg)) return open(arg);
  if (typeof arg === 'object' && arg !== null && 'account' in arg && isAccount(arg.account))
    return { ...arg, account: open(arg.account) };
  return arg;
}

/**
 * The adapter, handed every account with its secrets opened: adapters never see them sealed. Every
 * method goes through, present and future, so a new optional one is never dropped on the way.
 */
function withOpenedAccounts(adapter: PaymentAdapter, open: AccountOpener): PaymentAdapter {
  return new Proxy(adapter, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) =>
        member.apply(
          target,
          args.map((arg) => opened(arg, open)),
        );
    },
  });
}
