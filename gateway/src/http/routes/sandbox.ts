import type { SandboxService } from '../../services/orders/sandbox.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { orderSchema, sandboxPayBody } from '../schemas.js';

export const sandboxRoutes = (sandbox: SandboxService): AnyRoute[] => [
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
    handle: async ({ principal, params, body }) => ({
      status: 200,
      body: await sandbox.pay(principal, params.id, body),
    }),
  }),
];
