import { AutoPaginatingList } from '../pagination.js';
import type { Page, Till, TillCategory } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import type { Request } from './request.js';

export interface CreateTillParams {
  store_id: string;
  name: string;
  category: TillCategory;
}

export interface ListTillsParams {
  /** Only this store's tills. */
  store_id?: string;
  include_inactive?: boolean;
  /** Tills per page, up to 100. */
  limit?: number;
}

/** App credentials (or a manager's session): the tills of the merchant's stores. */
export class Tills {
  constructor(private readonly request: Request) {}

  /**
   * Adds a till to a store; the gateway generates its `client_id`.
   *
   * @example
   * ```ts
   * const till = await tillgate.tills.create({ store_id: store.id, name: 'Caixa 03', category: 'physical' });
   * till.client_id; // what the till signs in with, beside its store's keys
   * ```
   */
  create(params: CreateTillParams, options?: RequestOptions): Promise<Till> {
    return this.request({ method: 'POST', path: '/v1/tills', body: params, repeatable: false }, options);
  }

  /**
   * The tills the credentials may see, or one store's, newest first, fetched page by page as you iterate.
   *
   * @example
   * ```ts
   * for await (const till of tillgate.tills.list({ store_id: store.id })) console.log(till.client_id);
   * ```
   */
  list(params: ListTillsParams = {}, options?: RequestOptions): AutoPaginatingList<Till> {
    return new AutoPaginatingList((cursor) =>
      this.request<Page<Till>>(
        { method: 'GET', path: '/v1/tills', query: { ...params, cursor }, repeatable: true },
        options,
      ),
    );
  }
}
