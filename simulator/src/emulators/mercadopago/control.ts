import { parseReais } from '@tillgate/sdk/pix';
import { controlBody, type EmulatorControls, type Faults, type Route } from '../kit/index.js';
import type { Order } from './ledger.js';
import type { OrderNotification } from './notifications.js';

export interface Controls extends EmulatorControls<Faults, OrderNotification> {
  /** A payer pays the order (another amount is a wrong amount; `refunds: "fail"` makes its refunds fail). */
  pay(orderId: string, options?: { centavos?: number; refunds?: 'fail' }): Promise<Order>;
  /** The order's `expiration_time` passes unpaid. */
  expire(orderId: string): Promise<Order>;
  /** The application's webhook URL (Suas integrações → Webhooks); none, no notifications. */
  setNotificationUrl(url: string | undefined): void;
  /** The order behind a QR's location. */
  orderAt(location: string): Order;
}

/** How a payer pays, under `/_emulator` beside the kit's controls; tests may call `Controls` directly. */
export function payerRoutes(controls: Controls): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/_emulator\/orders\/([^/]+)\/pay$/,
      handle: async (call, [id = '']) => {
        const { amount, refunds } = controlBody(call);
        const order = await controls.pay(id, {
          ...(typeof amount === 'string' ? { centavos: parseReais(amount) } : {}),
          ...(refunds === 'fail' ? { refunds } : {}),
        });
        return { status: 200, body: order };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/orders\/([^/]+)\/expire$/,
      handle: async (_call, [id = '']) => ({ status: 200, body: await controls.expire(id) }),
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/pay$/,
      handle: async (call) => {
        const { location } = controlBody(call);
        if (typeof location !== 'string') return { status: 400, body: { error: 'location must be a string' } };
        return { status: 200, body: await controls.pay(controls.orderAt(location).id) };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/_emulator\/notification-url$/,
      handle: (call) => {
        const { url } = controlBody(call);
        if (url !== undefined && url !== null && typeof url !== 'string')
          return { status: 400, body: { error: 'url must be a string or null' } };
        controls.setNotificationUrl(typeof url === 'string' ? url : undefined);
        return { status: 204 };
      },
    },
  ];
}
