import { AutoPaginatingList } from '../pagination.js';
import type { IssuedStoreCredential, Page, Store } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import { idPath, type Request } from './request.js';

export interface CreateStoreParams {
  name: string;
  /** Masked or not; its check digits must be valid. */
  cnpj?: string;
  address?: string;
  phone?: string;
}

export interface ListStoresParams {
  include_inactive?: boolean;
  /** Stores per page, up to 100. */
  limit?: number;
}

/** App credentials (or a manager's session): the merchant's stores. */
export class Stores {
  constructor(private readonly request: Request) {}

  /**
   * Opens a store. It has no till credentials until `storeCredentials.rotate` issues them.
   *
   * @example
   * ```ts
   * const store = await tillgate.stores.create({ name: 'Padaria — Savassi', cnpj: '11.222.333/0001-81' });
   * ```
   */
  create(params: CreateStoreParams, options?: RequestOptions): Promise<Store> {
    return this.request({ method: 'POST', path: '/v1/stores', body: params, repeatable: false }, options);
  }

  /**
   * The stores the credentials may see, newest first, fetched page by page as you iterate.
   *
   * @example
   * ```ts
   * const all = await tillgate.stores.list().toArray();
   * ```
   */
  list(params: ListStoresParams = {}, options?: RequestOptions): AutoPaginatingList<Store> {
    return new AutoPaginatingList((cursor) =>
      this.request<Page<Store>>(
        { method: 'GET', path: '/v1/stores', query: { ...params, cursor }, repeatable: true },
        options,
      ),
    );
  }
}

/** App credentials: a store's till credentials (access key and secret key). */
export class StoreCredentials {
  constructor(private readonly request: Request) {}

  /**
   * Issues a new access key and secret key for the store's tills; the secret is in this answer only.
   * The old pair, and every till token issued with it, stop working.
   *
   * @example
   * ```ts
   * const { access_key, secret_key } = await tillgate.storeCredentials.rotate(store.id);
   * const till = new Tillgate({ baseUrl, auth: { accessKey: access_key, secretKey: secret_key, clientId } });
   * ```
   */
  rotate(storeId: string, options?: RequestOptions): Promise<IssuedStoreCredential> {
    return this.request(
      { method: 'POST', path: idPath('/v1/stores', storeId, '/credentials'), repeatable: false },
      options,
    );
  }
}
