import type { Refund } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import { idPath, type Request } from './request.js';

export interface CreateRefundParams {
  /** Centavos to return; omit to refund everything still refundable. */
  amount?: number;
  reason?: string;
}

/** Full and partial refunds of approved orders. */
export class Refunds {
  constructor(private readonly request: Request) {}

  /**
   * Refunds an approved order, wholly or in part. Safe to retry: the same call is applied once.
   *
   * @example
   * ```ts
   * const refund = await tillgate.orders.refunds.create(order.id, { amount: 500, reason: 'troco' });
   * ```
   */
  create(orderId: string, params: CreateRefundParams = {}, options?: RequestOptions): Promise<Refund> {
    return this.request(
      { method: 'POST', path: idPath('/v1/orders', orderId, '/refunds'), body: params, repeatable: true },
      options,
    );
  }

  /**
   * An order's refunds, oldest first.
   *
   * @example
   * ```ts
   * const refunds = await tillgate.orders.refunds.list(order.id);
   * ```
   */
  async list(orderId: string, options?: RequestOptions): Promise<Refund[]> {
    const page = await this.request<{ data: Refund[] }>(
      { method: 'GET', path: idPath('/v1/orders', orderId, '/refunds'), repeatable: true },
      options,
    );
    return page.data;
  }
}
