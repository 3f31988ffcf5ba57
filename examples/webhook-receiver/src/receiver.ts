import type { TillgateEvent } from '@tillgate/sdk';
import { webhookHandler } from '@tillgate/sdk/webhooks';
import express, { type Express } from 'express';
import { HandledEvents } from './handled-events.js';

export interface ReceiverOptions {
  /** The endpoint's signing secret, shown once when the endpoint was registered. */
  secret: string;
  /** Your business: mark the sale paid, release the goods, book the refund. */
  apply(event: TillgateEvent): Promise<void> | void;
  handled?: HandledEvents;
}

/** An express app with one route, POST /webhooks/tillgate, that applies each verified event once. */
export function createReceiver(options: ReceiverOptions): Express {
  const handled = options.handled ?? new HandledEvents();
  const app = express();
  // No express.json() in front: the signature covers the raw bytes, which webhookHandler reads itself.
  app.post(
    '/webhooks/tillgate',
    webhookHandler({
      secret: options.secret,
      onEvent: async (event) => {
        if (!handled.claim(event.id)) return;
        try {
          await options.apply(event);
        } catch (err) {
          handled.release(event.id);
          throw err;
        }
      },
    }),
  );
  return app;
}
