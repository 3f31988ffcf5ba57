import { at, type Route } from '../kit/index.js';
import type { AmeLedger, AmeRefund, AmeTransaction } from './ledger.js';

export interface ApiHooks {
  /** A payment changed status (captured, cancelled): Ame calls the order's callback. */
  changed(transaction: AmeTransaction): void;
  /** A refund was requested; Ame settles it, at once or later, and calls back when it is final. */
  refundRequested(paymentId: string, refund: AmeRefund): void;
}

/** Ame's orders and payments API under `prefix`; every route answers what Ame documents. */
export function apiRoutes(prefix: string, ledger: AmeLedger, hooks: ApiHooks): Route[] {
  const payment = (action: 'capture' | 'cancel'): Route => ({
    method: 'PUT',
    pattern: at(prefix, `/wallet/user/payments/:id/${action}`),
    handle: (_call, [id = '']) => {
      const transaction = ledger[action](id);
      hooks.changed(transaction);
      return { status: 200, body: transaction };
    },
  });
  return [
    {
      method: 'POST',
      pattern: at(prefix, '/orders'),
      handle: (call) => ({ status: 201, body: ledger.createOrder(call.body) }),
    },
    {
      method: 'GET',
      pattern: at(prefix, '/orders/:id'),
      handle: (_call, [id = '']) => ({ status: 200, body: ledger.getOrder(id) }),
    },
    {
      method: 'DELETE',
      pattern: at(prefix, '/orders/:id'),
      handle: (_call, [id = '']) => ({ status: 200, body: ledger.deleteOrder(id) }),
    },
    payment('capture'),
    payment('cancel'),
    {
      method: 'PUT',
      pattern: at(prefix, '/wallet/user/payments/:id/refunds/:refundId'),
      handle: (call, [id = '', refundId = '']) => {
        const before = ledger.getTransaction(id).refunds.length;
        const refund = ledger.refund(id, refundId, call.body);
        // A repeat of a refund already there answers it as it stands, and starts nothing.
        if (ledger.getTransaction(id).refunds.length > before) hooks.refundRequested(id, refund);
        return { status: 200, body: { ...refund } };
      },
    },
  ];
}
