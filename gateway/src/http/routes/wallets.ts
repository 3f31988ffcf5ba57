import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.js';
import { walletsOfTill } from '../../services/orders/wallets.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { walletOptionSchema } from '../schemas.js';

export const walletRoutes = (deps: ServiceDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/wallets',
    summary: 'The wallets a till can take (an app token names the till with `till_id`)',
    tag: 'Wallets',
    auth: 'token',
    query: z.strictObject({ till_id: z.string().max(64).optional() }),
    responses: { 200: { description: 'The wallets', schema: z.object({ data: z.array(walletOptionSchema) }) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: { data: await walletsOfTill(deps, principal, query.till_id) },
    }),
  }),
];
