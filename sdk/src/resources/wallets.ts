import type { WalletOption } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import type { Request } from './request.js';

export interface ListWalletsParams {
  /** Required with app credentials: the till whose wallets to list. */
  till_id?: string;
}

/** The wallets a till can take, with display names and logos for a wallet picker. */
export class Wallets {
  constructor(private readonly request: Request) {}

  /**
   * @example
   * ```ts
   * const wallets = await tillgate.wallets.list();
   * const canTakePix = wallets.some((w) => w.wallet === 'pix');
   * ```
   */
  async list(params: ListWalletsParams = {}, options?: RequestOptions): Promise<WalletOption[]> {
    const page = await this.request<{ data: WalletOption[] }>(
      { method: 'GET', path: '/v1/wallets', query: { ...params }, repeatable: true },
      options,
    );
    return page.data;
  }
}
