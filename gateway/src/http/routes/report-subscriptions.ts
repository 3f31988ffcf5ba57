import { ApiError } from '../../services/errors.js';
import type { LinkPurpose } from '../../services/subscriptions/links.js';
import type { ReportSubscriptions } from '../../services/subscriptions/subscriptions.js';
import { askPage, donePage, invalidLinkPage } from '../recipient-pages.js';
import { type AnyRoute, defineRoute, type Reply } from '../route.js';
import { pageOf } from '../schemas.js';
import {
  createSubscriptionBody,
  listSubscriptionsQuery,
  patchSubscriptionBody,
  recipientLinkQuery,
  subscriptionSchema,
} from '../subscription-schemas.js';

const TAG = 'Report subscriptions';
const subscription = { description: 'The subscription', schema: subscriptionSchema };
const html = (description: string) => ({ description, contentType: 'text/html' });

/** A link that is not (or no longer) valid answers a page too: its reader is a person, not a program. */
async function recipientPage(work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'invalid_link') return invalidLinkPage();
    throw err;
  }
}

/** GET shows the recipient a button; POST (the button, or a mail client's RFC 8058 one-click) acts. */
const recipientRoutes = (subscriptions: ReportSubscriptions, purpose: LinkPurpose, what: string): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: `/v1/report-subscriptions/${purpose}`,
    summary: `The recipient's page to ${what} (signed link, no log-in)`,
    tag: TAG,
    auth: 'none',
    query: recipientLinkQuery,
    responses: { 200: html('A page with one button'), 400: html('The link is not valid') },
    handle: ({ query }) =>
      recipientPage(async () => askPage(purpose, await subscriptions.describe(purpose, query.token))),
  }),
  defineRoute({
    method: 'post',
    path: `/v1/report-subscriptions/${purpose}`,
    summary: `${what[0]?.toUpperCase()}${what.slice(1)} (signed link, no log-in; any body, e.g. \`List-Unsubscribe=One-Click\`)`,
    tag: TAG,
    auth: 'none',
    // A form or a mail client posts `application/x-www-form-urlencoded`; the body says nothing the link does not.
    rawBody: true,
    query: recipientLinkQuery,
    responses: { 200: html('Done'), 400: html('The link is not valid') },
    handle: ({ query }) =>
      recipientPage(async () =>
        donePage(
          purpose,
          purpose === 'confirm'
            ? await subscriptions.confirm(query.token)
            : await subscriptions.unsubscribe(query.token),
        ),
      ),
  }),
];

/** The recipient's links come before `:id`, which would refuse them as malformed ids. */
export const reportSubscriptionRoutes = (subscriptions: ReportSubscriptions): AnyRoute[] => [
  ...recipientRoutes(subscriptions, 'confirm', 'confirm a subscription'),
  ...recipientRoutes(subscriptions, 'unsubscribe', 'unsubscribe'),
  defineRoute({
    method: 'post',
    path: '/v1/report-subscriptions',
    summary: 'Email a report to a recipient on a schedule (06:00 merchant time)',
    tag: TAG,
    auth: 'token',
    body: createSubscriptionBody,
    responses: { 201: subscription },
    handle: async ({ principal, body }) => ({ status: 201, body: await subscriptions.create(principal, body) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/report-subscriptions',
    summary: 'List report subscriptions, newest first, with cursor pages',
    tag: TAG,
    auth: 'token',
    query: listSubscriptionsQuery,
    responses: { 200: { description: 'A page of subscriptions', schema: pageOf(subscriptionSchema) } },
    handle: async ({ principal, query }) => ({ status: 200, body: await subscriptions.list(principal, query) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/report-subscriptions/:id',
    summary: 'Read a subscription, with its last and next sending and its last error',
    tag: TAG,
    auth: 'token',
    ids: { id: 'rsb' },
    responses: { 200: subscription },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await subscriptions.get(principal, params.id),
    }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/report-subscriptions/:id',
    summary: 'Change a subscription; a new address confirms again unless it is of the team',
    tag: TAG,
    auth: 'token',
    ids: { id: 'rsb' },
    body: patchSubscriptionBody,
    responses: { 200: subscription },
    handle: async ({ principal, params, body }) => ({
      status: 200,
      body: await subscriptions.update(principal, params.id, body),
    }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/report-subscriptions/:id',
    summary: 'Remove a subscription; nothing more is sent',
    tag: TAG,
    auth: 'token',
    ids: { id: 'rsb' },
    responses: { 204: { description: 'Removed' } },
    handle: async ({ principal, params }) => {
      await subscriptions.remove(principal, params.id);
      return { status: 204 };
    },
  }),
];
