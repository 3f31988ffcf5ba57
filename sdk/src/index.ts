import { TillgateClient, type TillgateOptions } from './client.js';
import { openNodeSocket } from './platform/node-socket.js';
import { ProviderAccounts } from './resources/provider-accounts.js';
import { StoreCredentials, Stores } from './resources/stores.js';
import { Tills } from './resources/tills.js';

export * from './public.js';

/**
 * The Tillgate client for Node (≥ 20); WebSockets go through the `ws` package. With app credentials
 * it also manages the merchant: stores, tills, store credentials and provider accounts (the browser
 * client leaves these out, a checkout page never needs them).
 *
 * @example
 * ```ts
 * const tillgate = new Tillgate({
 *   baseUrl: 'http://127.0.0.1:3000',
 *   auth: { accessKey: 'ak_test_…', secretKey: 'sk_test_…', clientId: 'demo-caixa-01' },
 * });
 * const order = await tillgate.orders.create({ order_ref: 'PDV-1', wallet: 'pix', amount: 1990 });
 * ```
 */
export class Tillgate extends TillgateClient {
  readonly stores: Stores;
  readonly tills: Tills;
  readonly storeCredentials: StoreCredentials;
  readonly providerAccounts: ProviderAccounts;

  constructor(options: TillgateOptions) {
    super(options, openNodeSocket);
    this.stores = new Stores(this.request);
    this.tills = new Tills(this.request);
    this.storeCredentials = new StoreCredentials(this.request);
    this.providerAccounts = new ProviderAccounts(this.request);
  }
}
