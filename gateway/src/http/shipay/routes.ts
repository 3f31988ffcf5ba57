import { z } from 'zod';
import { ApiError } from '../../services/errors.js';
import type { ShipayCompat } from '../../services/shipay/compat.js';
import type { ShipayOrderKind } from '../../store/shipay-orders.js';
import { type AnyRoute, clientIp, defineRoute } from '../route.js';
import { tillLoginLimits } from '../routes/auth.js';
import { shipayListQuery, shipayLoginBody, shipayOrderBody, shipayRefundBody } from './schemas.js';

/** Where a Shipay client's base URL points: `https://<gateway>/compat/shipay`. */
export const SHIPAY_PREFIX = '/compat/shipay';

export interface ShipayRouteOptions {
  /** What `POST /order` answers: Shipay's 201, or 200 for older clients that take only that. */
  orderCreatedStatus: 200 | 201;
}

const TAG = 'Shipay compatibility';
const json = (description: string) => ({ description, schema: z.looseObject({}) });
const tokens = { 200: json('access_token, access_token_expires_in, refresh_token, refresh_token_expires_in') };

const bearer = (header: string | undefined): string => {
  const [scheme, token] = (header ?? '').trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token)
    throw new ApiError('unauthenticated', 'Send the refresh token as Authorization: Bearer <refresh_token>');
  return token;
};

/** Shipay's endpoints, each a thin call into `ShipayCompat`; errors leave in Shipay's shape (errors.ts). */
export function shipayRoutes(compat: ShipayCompat, options: ShipayRouteOptions): AnyRoute[] {
  const create = (kind: ShipayOrderKind, status: 200 | 201) =>
    defineRoute({
      method: 'post',
      path: `${SHIPAY_PREFIX}/${kind}`,
      summary:
        kind === 'order'
          ? 'Create an order (Shipay `POST /order`)'
          : 'Create an order with an expiration (Shipay `POST /orderv`; status `pendingv`)',
      tag: TAG,
      auth: 'token',
      idempotent: true,
      body: shipayOrderBody,
      limits: ({ principal }) => [
        { rule: 'orders_till', key: principal.kind === 'till' ? `${principal.merchantId}:${principal.tillId}` : 'app' },
      ],
      responses: { [status]: json('order_id, status, qr_code, qr_code_text, deep_link, wallet, pix_psp') },
      handle: async ({ principal, body, idempotencyKey }) => ({
        status,
        body: await compat.create(principal, kind, body, idempotencyKey),
      }),
    });
  const read = (kind: ShipayOrderKind) =>
    defineRoute({
      method: 'get',
      path: `${SHIPAY_PREFIX}/${kind}/:order_id`,
      summary: `Read an order made by either /order or /orderv (Shipay \`GET /${kind}/{order_id}\`)`,
      tag: TAG,
      auth: 'token',
      responses: { 200: json('The order in Shipay words') },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: await compat.get(principal, params.order_id),
      }),
    });
  return [
    defineRoute({
      method: 'post',
      path: `${SHIPAY_PREFIX}/pdvauth`,
      summary: "Sign a till in with its store's access key and secret key and its client id",
      tag: TAG,
      auth: 'none',
      body: shipayLoginBody,
      limits: tillLoginLimits,
      responses: tokens,
      handle: async ({ body }) => ({ status: 200, body: await compat.login(body) }),
    }),
    defineRoute({
      method: 'post',
      path: `${SHIPAY_PREFIX}/refresh-token`,
      summary: 'Trade the refresh token (as the bearer, empty body) for a new pair',
      tag: TAG,
      auth: 'none',
      limits: ({ req }) => [{ rule: 'auth_ip', key: clientIp(req) }],
      responses: tokens,
      handle: async ({ req }) => ({ status: 200, body: await compat.refresh(bearer(req.get('authorization'))) }),
    }),
    defineRoute({
      method: 'get',
      path: `${SHIPAY_PREFIX}/v1/wallets`,
      summary: "The till's wallets, as a bare array",
      tag: TAG,
      auth: 'token',
      responses: { 200: { description: 'The wallets', schema: z.array(z.looseObject({})) } },
      handle: async ({ principal }) => ({ status: 200, body: await compat.wallets(principal) }),
    }),
    create('order', options.orderCreatedStatus),
    create('orderv', 201),
    // Before `/order/:order_id`-shaped routes of other methods; the list has its own path.
    defineRoute({
      method: 'get',
      path: `${SHIPAY_PREFIX}/orders/list`,
      summary: 'Orders made through this API, newest first, by offset (`start_date`… or `inicio`…)',
      tag: TAG,
      auth: 'token',
      query: shipayListQuery,
      responses: { 200: json('{count, offset, total, data}') },
      handle: async ({ principal, query }) => ({ status: 200, body: await compat.list(principal, query) }),
    }),
    read('order'),
    read('orderv'),
    defineRoute({
      method: 'delete',
      path: `${SHIPAY_PREFIX}/order/:order_id`,
      summary: 'Cancel a pending order; an approved one is refunded in full',
      tag: TAG,
      auth: 'token',
      responses: { 200: json('The order after the change') },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: await compat.cancel(principal, params.order_id),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: `${SHIPAY_PREFIX}/order/:order_id/refund`,
      summary: 'Refund `amount` reais (JSON body on DELETE); no body refunds everything still refundable',
      tag: TAG,
      auth: 'token',
      body: shipayRefundBody,
      responses: { 200: json('The order after the refund') },
      handle: async ({ principal, params, body }) => ({
        status: 200,
        body: await compat.refund(principal, params.order_id, body.amount),
      }),
    }),
  ];
}
