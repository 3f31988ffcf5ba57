import type { PaymentAdapter } from './types.js';

/** Adapters by id; an account names the adapter that speaks its provider's protocol. */
export class AdapterRegistry {
  private readonly byId: Map<string, PaymentAdapter>;

  constructor(adapters: readonly PaymentAdapter[]) {
    this.byId = new Map(adapters.map((a) => [a.id, a]));
  }

  get(id: string): PaymentAdapter {
    const adapter = this.byId.get(id);
    if (!adapter) throw new Error(`no adapter registered as ${id}`);
    return adapter;
  }
}
