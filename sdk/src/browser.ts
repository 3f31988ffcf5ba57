import { TillgateClient, type TillgateOptions } from './client.js';
import { openBrowserSocket } from './platform/browser-socket.js';

export * from './public.js';

/**
 * The Tillgate client for browsers: native `fetch` and `WebSocket`. A checkout page signs in with the
 * order's client secret only.
 *
 * @example
 * ```ts
 * const tillgate = new Tillgate({ baseUrl: gatewayUrl, auth: { clientSecret } });
 * const paid = await tillgate.orders.waitFor(orderId, { until: ['approved'] });
 * ```
 */
export class Tillgate extends TillgateClient {
  constructor(options: TillgateOptions) {
    super(options, openBrowserSocket);
  }
}
