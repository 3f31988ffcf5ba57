import { z } from 'zod';
import type { WebhookService } from '../../services/delivery/webhooks.js';
import { type AnyRoute, defineRoute } from '../route.js';
import {
  createWebhookEndpointBody,
  listDeliveriesQuery,
  pageOf,
  webhookDeliverySchema,
  webhookEndpointSchema,
} from '../schemas.js';

const TAG = 'Webhooks';

export const webhookRoutes = (webhooks: WebhookService): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/webhook-endpoints',
    summary: 'Register an endpoint for some event types; its signing secret is shown in this answer only',
    tag: TAG,
    auth: 'token',
    body: createWebhookEndpointBody,
    responses: { 201: { description: 'The endpoint with its secret', schema: webhookEndpointSchema } },
    handle: async ({ principal, body }) => ({ status: 201, body: await webhooks.createEndpoint(principal, body) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhook-endpoints',
    summary: "The merchant environment's endpoints",
    tag: TAG,
    auth: 'token',
    responses: { 200: { description: 'The endpoints', schema: z.object({ data: z.array(webhookEndpointSchema) }) } },
    handle: async ({ principal }) => ({ status: 200, body: { data: await webhooks.listEndpoints(principal) } }),
  }),
  ...(['disable', 'enable'] as const).map((action) =>
    defineRoute({
      method: 'post',
      path: `/v1/webhook-endpoints/:id/${action}`,
      summary:
        action === 'disable'
          ? 'Stop sending to an endpoint'
          : 'Send to an endpoint again (also one disabled after failing for days)',
      tag: TAG,
      auth: 'token',
      ids: { id: 'whe' },
      responses: { 200: { description: 'The endpoint', schema: webhookEndpointSchema } },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: await webhooks.setEndpointStatus(principal, params.id, action === 'disable' ? 'disabled' : 'active'),
      }),
    }),
  ),
  defineRoute({
    method: 'post',
    path: '/v1/webhook-callback-secret',
    summary: "Issue a new secret for the deliveries to orders' callback_url (shown once; the old one stops verifying)",
    tag: TAG,
    auth: 'token',
    responses: { 201: { description: 'The new secret', schema: z.object({ secret: z.string() }) } },
    handle: async ({ principal }) => ({ status: 201, body: await webhooks.rollCallbackSecret(principal) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhook-deliveries',
    summary: 'The delivery log, newest first',
    tag: TAG,
    auth: 'token',
    query: listDeliveriesQuery,
    responses: { 200: { description: 'A page of deliveries', schema: pageOf(webhookDeliverySchema) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await webhooks.listDeliveries(principal, {
        endpointId: query.endpoint_id,
        status: query.status,
        limit: query.limit,
        cursor: query.cursor,
      }),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhook-deliveries/:id',
    summary: 'One delivery with every attempt',
    tag: TAG,
    auth: 'token',
    ids: { id: 'whd' },
    responses: { 200: { description: 'The delivery', schema: webhookDeliverySchema } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await webhooks.getDelivery(principal, params.id),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhook-deliveries/:id/redeliver',
    summary: 'Send a delivery again now, whatever its state',
    tag: TAG,
    auth: 'token',
    ids: { id: 'whd' },
    responses: { 200: { description: 'The delivery, queued', schema: webhookDeliverySchema } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await webhooks.redeliver(principal, params.id),
    }),
  }),
];
