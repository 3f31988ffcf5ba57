import { WEBHOOK_SECRET_HEADER } from '../../adapters/pix-bcb/notifications.js';
import { ApiError } from '../../services/errors.js';
import type { ProviderNotifications } from '../../services/provider-notifications.js';
import { type AnyRoute, defineRoute } from '../route.js';

/**
 * express.json has parsed the body; the adapter reads JSON, so its serialisation is the body it needs. JSON
 * nested thousands deep parses but overflows the stack when written back: a client's mistake, not ours.
 */
function serialised(body: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(body ?? null));
  } catch (err) {
    if (err instanceof RangeError) throw new ApiError('malformed_json', 'The body is nested too deeply');
    throw err;
  }
}

/** Where PSPs call us: the API Pix webhook, `{webhookUrl}/pix`, registered per provider account. */
export const providerWebhookRoutes = (notifications: ProviderNotifications): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/providers/pix/:account_id/webhook/pix',
    summary:
      'API Pix webhook of one provider account: `{ pix: [...] }`, batches and repeats welcome. The account secret comes in `x-webhook-secret` or `?secret=`; every txid is read back from the PSP before anything is applied',
    tag: 'Providers',
    auth: 'none',
    ids: { account_id: 'pac' },
    responses: { 204: { description: 'Taken: applied, already applied, or about a charge that is not ours' } },
    handle: async ({ params, req }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      // PSPs that cannot send headers keep a query string of the registered URL.
      const secret = req.query.secret;
      if (typeof secret === 'string') headers[WEBHOOK_SECRET_HEADER] ??= secret;
      const rawBody = serialised(req.body);
      await notifications.receive(params.account_id as string, headers, rawBody);
      return { status: 204 };
    },
  }),
];
