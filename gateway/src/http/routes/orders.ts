import type { z } from 'zod';
import type { Principal } from '../../services/accounts/principal.js';
import type { OrderFilterInput, OrderService } from '../../services/orders/orders.js';
import { qrImage } from '../qr-image.js';
import { type AnyRoute, defineRoute, replayHeaders } from '../route.js';
import {
  createOrderBody,
  listOrdersQuery,
  orderFilterQuery,
  orderSchema,
  orderSummarySchema,
  pageOf,
  qrQuery,
} from '../schemas.js';

/** The list's query filters in the store's words; the list and its totals read them the same way. */
const orderFilterOf = (query: z.output<typeof orderFilterQuery>): OrderFilterInput => ({
  status: query.status,
  wallet: query.wallet,
  provider: query.provider,
  storeId: query.store_id,
  tillId: query.till_id,
  amountMin: query.amount_min,
  amountMax: query.amount_max,
  createdFrom: query.created_from,
  createdTo: query.created_to,
  q: query.q,
});

const orderLimitKey = (p: Principal, tillId: string | undefined): string =>
  p.kind === 'till' ? `${p.merchantId}:${p.tillId}` : p.kind === 'order' ? 'order' : `${p.merchantId}:${tillId ?? ''}`;

export const orderRoutes = (orders: OrderService): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/orders',
    summary: 'Create a QR order at a till',
    tag: 'Orders',
    auth: 'token',
    idempotent: true,
    body: createOrderBody,
    // Per till the order is for: a till's own, or the one an app names, under the caller's merchant so
    // naming another merchant's till spends only the caller's own budget.
    limits: ({ principal, body }) => [{ rule: 'orders_till', key: orderLimitKey(principal, body.till_id) }],
    responses: { 201: { description: 'The pending order with its QR', schema: orderSchema } },
    handle: async ({ principal, body, idempotencyKey }) => {
      const { order, replayed } = await orders.create(principal, body, idempotencyKey);
      return { status: 201, body: order, headers: replayHeaders(replayed) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orders',
    summary: 'List orders, newest first, with filters and cursor pages',
    tag: 'Orders',
    auth: 'token',
    query: listOrdersQuery,
    responses: { 200: { description: 'A page of orders', schema: pageOf(orderSchema) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await orders.list(principal, { ...orderFilterOf(query), limit: query.limit, cursor: query.cursor }),
    }),
  }),
  // Before `/v1/orders/:id`, which would read `summary` as an order id.
  defineRoute({
    method: 'get',
    path: '/v1/orders/summary',
    summary: 'Totals of the orders the same filters as the list select, in centavos',
    tag: 'Orders',
    auth: 'token',
    query: orderFilterQuery,
    responses: { 200: { description: 'The totals, by status and by wallet', schema: orderSummarySchema } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await orders.summary(principal, orderFilterOf(query)),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orders/:id',
    summary: 'Read an order (a browser may use its client secret)',
    tag: 'Orders',
    auth: 'token-or-client-secret',
    ids: { id: 'ord' },
    responses: { 200: { description: 'The order', schema: orderSchema } },
    handle: async ({ principal, params }) => ({ status: 200, body: await orders.get(principal, params.id) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orders/:id/cancel',
    summary: 'Cancel a pending order; it is removed at the provider too',
    tag: 'Orders',
    auth: 'token',
    ids: { id: 'ord' },
    responses: { 200: { description: 'The cancelled order', schema: orderSchema } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await orders.cancel(principal, params.id),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orders/:id/qr.svg',
    summary: "The order's QR as SVG",
    tag: 'Orders',
    auth: 'token-or-client-secret',
    clientSecretInQuery: true,
    ids: { id: 'ord' },
    query: qrQuery,
    responses: { 200: { description: 'SVG image', contentType: 'image/svg+xml' } },
    handle: async ({ principal, params, query }) => {
      const order = await orders.get(principal, params.id);
      return qrImage(order.qr_code_text, 'svg', query.size);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orders/:id/qr.png',
    summary: "The order's QR as PNG",
    tag: 'Orders',
    auth: 'token-or-client-secret',
    clientSecretInQuery: true,
    ids: { id: 'ord' },
    query: qrQuery,
    responses: { 200: { description: 'PNG image', contentType: 'image/png' } },
    handle: async ({ principal, params, query }) => {
      const order = await orders.get(principal, params.id);
      return qrImage(order.qr_code_text, 'png', query.size);
    },
  }),
];
