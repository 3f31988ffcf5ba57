import { z } from 'zod';
import type { BoardService } from '../../services/orders/board.js';
import { boardSchema } from '../management-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';

export const boardRoutes = (board: BoardService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/board',
    summary:
      "A store's live till board: each till's newest order of the last hour, when it was last heard from, and the latest payments",
    tag: 'Board',
    auth: 'token',
    query: z.strictObject({ store_id: z.string().max(64) }),
    responses: { 200: { description: 'The board', schema: boardSchema } },
    handle: async ({ principal, query }) => ({ status: 200, body: await board.get(principal, query.store_id) }),
  }),
];
