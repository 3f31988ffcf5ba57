import { z } from 'zod';
import type { RefundService } from '../../services/orders/refunds.js';
import { type AnyRoute, defineRoute, replayHeaders } from '../route.js';
import { createRefundBody, refundSchema } from '../schemas.js';

export const refundRoutes = (refunds: RefundService): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/orders/:id/refunds',
    summary: 'Refund an approved order, fully (no amount) or partly',
    tag: 'Refunds',
    auth: 'token',
    ids: { id: 'ord' },
    idempotent: true,
    body: createRefundBody,
    responses: { 201: { description: 'The refund, settled when the provider answered at once', schema: refundSchema } },
    handle: async ({ principal, params, body, idempotencyKey }) => {
      const { refund, replayed } = await refunds.create(principal, params.id, body, idempotencyKey);
      return { status: 201, body: refund, headers: replayHeaders(replayed) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orders/:id/refunds',
    summary: "An order's refunds, oldest first",
    tag: 'Refunds',
    auth: 'token',
    ids: { id: 'ord' },
    responses: { 200: { description: 'The refunds', schema: z.object({ data: z.array(refundSchema) }) } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: { data: await refunds.list(principal, params.id) },
    }),
  }),
];
