import type { Order } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import { idPath, type Request } from './request.js';

export interface SandboxPayParams {
  /** What the payer pays; another amount than the order's plays a wrong-amount (late) payment. */
  amount?: number;
  /** How refunds of this payment end at the "bank". */
  refund_outcome?: 'succeed' | 'fail';
}

/** Test environment only: plays the payer. */
export class Sandbox {
  constructor(private readonly request: Request) {}

  /**
   * Pays an order as a payer would. Paying an expired or cancelled order plays a late payment.
   *
   * @example
   * ```ts
   * const paid = await tillgate.sandbox.pay(order.id);
   * paid.status; // 'approved'
   * ```
   */
  pay(orderId: string, params: SandboxPayParams = {}, options?: RequestOptions): Promise<Order> {
    return this.request(
      { method: 'POST', path: idPath('/v1/sandbox/orders', orderId, '/pay'), body: params, repeatable: false },
      options,
    );
  }
}
