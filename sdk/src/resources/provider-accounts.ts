import type { ProviderAccount, Wallet, WalletAssociation } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import { idPath, type Request } from './request.js';

/** Where an account takes a wallet: every till of a store, or one till. */
export type AssociateWalletParams = { wallet: Wallet; store_id: string } | { wallet: Wallet; till_id: string };

/** App credentials: the merchant's Pix and wallet accounts, and which stores and tills they serve. */
export class ProviderAccounts {
  constructor(private readonly request: Request) {}

  /**
   * Every account with its associations; secrets never come back.
   *
   * @example
   * ```ts
   * const pix = (await tillgate.providerAccounts.list()).find((a) => a.wallets.includes('pix'));
   * ```
   */
  async list(options?: RequestOptions): Promise<ProviderAccount[]> {
    const page = await this.request<{ data: ProviderAccount[] }>(
      { method: 'GET', path: '/v1/provider-accounts', repeatable: true },
      options,
    );
    return page.data;
  }

  /**
   * Lets a store's tills (or one till) take a wallet through the account. Associating the same wallet
   * to the same place again answers the existing association, so it is safe to retry.
   *
   * @example
   * ```ts
   * await tillgate.providerAccounts.associate(account.id, { wallet: 'pix', store_id: store.id });
   * ```
   */
  associate(accountId: string, params: AssociateWalletParams, options?: RequestOptions): Promise<WalletAssociation> {
    return this.request(
      {
        method: 'POST',
        path: idPath('/v1/provider-accounts', accountId, '/associations'),
        body: params,
        repeatable: true,
      },
      options,
    );
  }
}
