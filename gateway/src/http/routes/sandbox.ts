import { randomBytes } from 'node:crypto';
import { FAILING_REFUND_PREFIX } from '../../adapters/sandbox/index.js';
import type { ChargeReconciler } from '../../services/charge-reconciler.js';
import type { ServiceDeps } from '../../services/deps.js';
import { ApiError } from '../../services/errors.js';
import type { OrderService } from '../../services/orders.js';
import type { PaymentService } from '../../services/payments.js';
import { requireActor } from '../../services/principal.js';
import { accountOf, providerProblem } from '../../services/provider-calls.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { orderSchema, sandboxPayBody } from '../schemas.js';

/** A Pix endToEndId-shaped id: 32 letters and digits. */
const sandboxPaymentId = (failRefunds: boolean): string => {
  const prefix = failRefunds ? FAILING_REFUND_PREFIX : 'E';
  return (prefix + randomBytes(24).toString('hex').toUpperCase()).slice(0, 32);
};

export const sandboxRoutes = (
  deps: ServiceDeps,
  orders: OrderService,
  payments: PaymentService,
  reconciler: ChargeReconciler,
): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/sandbox/orders/:id/pay',
    summary:
      'Test environment only: a payer pays the order. Paying an expired or cancelled order, or the wrong amount, plays a late payment',
    tag: 'Sandbox',
    auth: 'token',
    ids: { id: 'ord' },
    body: sandboxPayBody,
    responses: { 200: { description: 'The order after the payment', schema: orderSchema } },
    handle: async ({ principal, params, body }) => {
      const actor = requireActor(principal);
      if (actor.environment !== 'test')
        throw new ApiError('route_not_found', 'The sandbox exists only in the test environment');
      const order = await orders.visibleRecord(actor, params.id);
      // A provider with its own sandbox or emulator is paid there; its notification and a re-read apply it.
      const account = await accountOf(deps, order);
      const paidThere = await deps.adapters
        .get(account.adapter)
        .simulatePayment?.({
          providerRef: order.providerRef,
          account,
          amount: body.amount ?? order.amount,
          failRefunds: body.refund_outcome === 'fail',
        })
        .catch(providerProblem);
      if (paidThere) {
        await reconciler.reconcile(order);
        return { status: 200, body: await orders.get(actor, order.id) };
      }
      const paid = await payments.record(
        { merchantId: order.merchantId, environment: order.environment, orderId: order.id },
        {
          providerPaymentId: sandboxPaymentId(body.refund_outcome === 'fail'),
          amount: body.amount ?? order.amount,
          paidAt: deps.clock.now(),
          payer: { name: 'Pagador Sandbox', document_masked: '***.456.789-**' },
        },
      );
      return { status: 200, body: paid };
    },
  }),
];
