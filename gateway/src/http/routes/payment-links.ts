import type { LimitKey } from '../../limits/rate-limits.js';
import type { PayPages } from '../../services/payment-links/pay-page.js';
import type { PaymentLinkService } from '../../services/payment-links/payment-links.js';
import {
  createPaymentLinkBody,
  listPaymentLinksQuery,
  paymentLinkSchema,
  payOrderBody,
  payPageSchema,
} from '../payment-link-schemas.js';
import { type AnyRoute, clientIp, defineRoute, type RouteContext } from '../route.js';
import { pageOf } from '../schemas.js';

const TAG = 'Payment links';

export const paymentLinkRoutes = (links: PaymentLinkService): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/payment-links',
    summary: 'Create one payment link per recipient and email each in the background',
    tag: TAG,
    auth: 'token',
    body: createPaymentLinkBody,
    responses: {
      201: { description: 'The links, one per recipient', schema: pageOf(paymentLinkSchema).pick({ data: true }) },
    },
    handle: async ({ principal, body }) => ({ status: 201, body: await links.create(principal, body) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payment-links',
    summary: 'List payment links, newest first, with cursor pages',
    tag: TAG,
    auth: 'token',
    query: listPaymentLinksQuery,
    responses: { 200: { description: 'A page of links', schema: pageOf(paymentLinkSchema) } },
    handle: async ({ principal, query }) => ({ status: 200, body: await links.list(principal, query) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payment-links/:id',
    summary: 'Read a payment link',
    tag: TAG,
    auth: 'token',
    ids: { id: 'pl' },
    responses: { 200: { description: 'The link', schema: paymentLinkSchema } },
    handle: async ({ principal, params }) => ({ status: 200, body: await links.get(principal, params.id) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/payment-links/:id/resend',
    summary: "Send the link's email again",
    tag: TAG,
    auth: 'token',
    ids: { id: 'pl' },
    responses: { 200: { description: 'The link, its email queued', schema: paymentLinkSchema } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await links.resend(principal, params.id),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/payment-links/:id/cancel',
    summary: 'Cancel a payment link and its pending order',
    tag: TAG,
    auth: 'token',
    ids: { id: 'pl' },
    responses: { 200: { description: 'The cancelled link', schema: paymentLinkSchema } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await links.cancel(principal, params.id),
    }),
  }),
];

/** Per client address: whoever holds a link's token may call, with no session to limit. */
export const payLimits = ({ req }: Pick<RouteContext<unknown, unknown>, 'req'>): LimitKey[] => [
  { rule: 'pay_ip', key: clientIp(req) },
];

/** The hosted page's public API: the link's token is the only credential. */
export const payRoutes = (pages: PayPages): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/pay/:token',
    summary: 'What the hosted page of a payment link shows',
    tag: TAG,
    auth: 'none',
    limits: payLimits,
    responses: { 200: { description: 'The page', schema: payPageSchema } },
    handle: async ({ params }) => ({ status: 200, body: await pages.show(params.token) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/pay/:token/order',
    summary: "The link's one-hour QR order for a wallet: the pending one, or a new one",
    tag: TAG,
    auth: 'none',
    limits: payLimits,
    body: payOrderBody,
    responses: {
      200: { description: "The link's order", schema: payPageSchema.shape.order.unwrap() },
      410: { description: 'The link is paid, cancelled or expired' },
    },
    handle: async ({ params, body }) => ({ status: 200, body: await pages.order(params.token, body.wallet) }),
  }),
];
