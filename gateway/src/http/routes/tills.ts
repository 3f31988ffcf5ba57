import type { TillService } from '../../services/tills.js';
import { createTillBody, listTillsQuery, patchTillBody, tillSchema } from '../management-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { pageOf } from '../schemas.js';

const TAG = 'Tills';

export const tillRoutes = (tills: TillService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/tills',
    summary: 'The tills of the stores the caller may see, or of one store (`store_id`), newest first',
    tag: TAG,
    auth: 'token',
    query: listTillsQuery,
    responses: { 200: { description: 'A page of tills', schema: pageOf(tillSchema) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await tills.list(principal, {
        storeId: query.store_id,
        includeInactive: query.include_inactive,
        limit: query.limit,
        cursor: query.cursor,
      }),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tills',
    summary: 'Add a till to a store (tills.manage); its `client_id` is generated',
    tag: TAG,
    auth: 'token',
    body: createTillBody,
    responses: { 201: { description: 'The till', schema: tillSchema } },
    handle: async ({ principal, body }) => ({ status: 201, body: await tills.create(principal, body) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/tills/:id',
    summary: "Rename, recategorise or (de)activate a till; a deactivated till's tokens are refused from then on",
    tag: TAG,
    auth: 'token',
    ids: { id: 'till' },
    body: patchTillBody,
    responses: { 200: { description: 'The till', schema: tillSchema } },
    handle: async ({ principal, params, body }) => ({
      status: 200,
      body: await tills.update(principal, params.id as string, body),
    }),
  }),
];
