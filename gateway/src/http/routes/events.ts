import type { EventService } from '../../services/delivery/events.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { eventSchema, listEventsQuery, pageOf } from '../schemas.js';

export const eventRoutes = (events: EventService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/events',
    summary: 'Events in seq order after `after_seq` (a till sees its own); `next_cursor` is the next `after_seq`',
    tag: 'Events',
    auth: 'token',
    query: listEventsQuery,
    responses: { 200: { description: 'A page of events', schema: pageOf(eventSchema) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await events.page(principal, { afterSeq: query.after_seq, type: query.type, limit: query.limit }),
    }),
  }),
];
