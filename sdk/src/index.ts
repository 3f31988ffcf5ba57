import { TillgateClient, type TillgateOptions } from './client.js';
import { openNodeSocket } from './platform/node-socket.js';

export * from './public.js';

/**
 * The Tillgate client for Node (≥ 20); WebSockets go through the `ws` package.
 *
 * @example
 * ```ts
 * const tillgate = new Tillgate({
 *   baseUrl: 'http://127.0.0.1:3000',
 *   auth: { accessKey: 'ak_test_…', secretKey: 'sk_test_…', clientId: 'demo-caixa-01' },
 * });
 * const order = await tillgate.orders.create({ order_ref: 'PDV-1', wallet: 'pix', amount: 1990 });
 * ```
 */
export class Tillgate extends TillgateClient {
  constructor(options: TillgateOptions) {
    super(options, openNodeSocket);
  }
}
