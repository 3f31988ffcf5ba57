import type { EventStream, WatchOptions } from '../live/event-stream.js';
import { type WaitForOptions, waitForOrder } from '../live/wait-for.js';
import { AutoPaginatingList } from '../pagination.js';
import type { CreateOrderRequest, Order, OrderStatus, Page, Wallet } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import { Refunds } from './refunds.js';
import { idPath, type Request } from './request.js';

/** The body of `POST /v1/orders`; the gateway checks its schema against the same protocol type. */
export type CreateOrderParams = CreateOrderRequest;

export interface ListOrdersParams {
  status?: OrderStatus;
  wallet?: Wallet;
  provider?: string;
  store_id?: string;
  till_id?: string;
  amount_min?: number;
  amount_max?: number;
  /** Orders created at or after this instant. */
  created_from?: Date | string;
  /** Orders created before this instant (exclusive). */
  created_to?: Date | string;
  /** Searches order references. */
  q?: string;
  /** Orders per page, up to 100. */
  limit?: number;
}

/** QR orders: create, read, list, cancel, refund, and wait for a status live. */
export class Orders {
  readonly refunds: Refunds;

  constructor(
    private readonly request: Request,
    private readonly watch: (orderId: string, options: WatchOptions) => EventStream,
  ) {
    this.refunds = new Refunds(request);
  }

  /**
   * Creates a pending order and its QR. Safe to retry: the same call creates one order.
   *
   * @example
   * ```ts
   * const order = await tillgate.orders.create({ order_ref: 'PDV-000123', wallet: 'pix', amount: 1990 });
   * console.log(order.qr_code_text); // the Pix copia e cola
   * ```
   */
  create(params: CreateOrderParams, options?: RequestOptions): Promise<Order> {
    return this.request({ method: 'POST', path: '/v1/orders', body: params, repeatable: true }, options);
  }

  /**
   * @example
   * ```ts
   * const { status } = await tillgate.orders.get('ord_01J…');
   * ```
   */
  get(id: string, options?: RequestOptions): Promise<Order> {
    return this.request({ method: 'GET', path: idPath('/v1/orders', id), repeatable: true }, options);
  }

  /**
   * Orders newest first, fetched page by page as you iterate.
   *
   * @example
   * ```ts
   * for await (const order of tillgate.orders.list({ status: 'pending' })) console.log(order.id);
   * ```
   */
  list(params: ListOrdersParams = {}, options?: RequestOptions): AutoPaginatingList<Order> {
    return new AutoPaginatingList((cursor) =>
      this.request<Page<Order>>(
        { method: 'GET', path: '/v1/orders', query: { ...params, cursor }, repeatable: true },
        options,
      ),
    );
  }

  /**
   * Cancels a pending order (it is removed at the provider too). A paid order must be refunded instead.
   *
   * @example
   * ```ts
   * await tillgate.orders.cancel(order.id);
   * ```
   */
  cancel(id: string, options?: RequestOptions): Promise<Order> {
    return this.request({ method: 'POST', path: idPath('/v1/orders', id, '/cancel'), repeatable: false }, options);
  }

  /**
   * Resolves with the order once its status is one of `until`, or once it can no longer become one
   * (an expired order never becomes approved): check `status` on the result. It reads the current state
   * after subscribing, so a change that happened just before the call is never missed.
   *
   * @example
   * ```ts
   * const order = await tillgate.orders.waitFor(id, { until: ['approved'], timeout: 5 * 60_000 });
   * if (order.status === 'approved') printReceipt(order);
   * ```
   */
  waitFor(id: string, options: WaitForOptions): Promise<Order> {
    return waitForOrder(options, {
      read: (signal) => this.get(id, signal ? { signal } : {}),
      watch: (watchOptions) => this.watch(id, watchOptions),
    });
  }
}
