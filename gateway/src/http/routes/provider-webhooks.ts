import type { Request } from 'express';
import { WEBHOOK_SECRET_HEADER } from '../../adapters/pix-bcb/notifications.js';
import type { ProviderNotifications } from '../../services/orders/provider-notifications.js';
import { type AnyRoute, defineRoute } from '../route.js';

const NOTIFICATION_PATH = '/v1/providers/:adapter/:account_id/webhook';
/** Where PSPs configured before the route above send API Pix webhooks, `{webhookUrl}/pix`. */
const PIX_ALIAS_PATH = '/v1/providers/pix/:account_id/webhook/pix';

/** The routes whose body reaches the adapter as the exact bytes sent, not parsed: `app.ts` mounts `express.raw` there. */
export const RAW_BODY_PATHS = [NOTIFICATION_PATH, PIX_ALIAS_PATH];

/**
 * The notification's headers, as the adapter verifies them. A provider that sends no header of ours (Ame,
 * PSPs that cannot) calls the URL we gave it, whose `?secret=` stands in for `x-webhook-secret`.
 */
const headersOf = (req: Request): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
  const secret = req.query.secret;
  if (typeof secret === 'string') headers[WEBHOOK_SECRET_HEADER] ??= secret;
  return headers;
};

/** express.raw leaves no Buffer when nothing was sent. */
const bytesOf = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

/** Where providers call us: one route per provider account, the adapter verifying what arrives. */
export const providerWebhookRoutes = (notifications: ProviderNotifications): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: NOTIFICATION_PATH,
    summary:
      "A provider's notification about one of its accounts, the URL given with each charge. The adapter verifies the exact bytes and headers (a signature, a token) and reads back from the provider what happened before anything is applied",
    tag: 'Providers',
    auth: 'none',
    ids: { account_id: 'pac' },
    rawBody: true,
    responses: {
      204: { description: 'Taken: applied, already applied, or about a charge that is not ours' },
      404: { description: 'No such adapter, or the account is not one of its accounts' },
    },
    handle: async ({ params, req }) => {
      await notifications.receive(params.account_id as string, headersOf(req), bytesOf(req), params.adapter);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post',
    path: PIX_ALIAS_PATH,
    summary:
      'API Pix webhook of one provider account: `{ pix: [...] }`, batches and repeats welcome. The account secret comes in `x-webhook-secret` or `?secret=`; every txid is read back from the PSP before anything is applied',
    tag: 'Providers',
    auth: 'none',
    ids: { account_id: 'pac' },
    rawBody: true,
    responses: { 204: { description: 'Taken: applied, already applied, or about a charge that is not ours' } },
    handle: async ({ params, req }) => {
      await notifications.receive(params.account_id as string, headersOf(req), bytesOf(req));
      return { status: 204 };
    },
  }),
];
