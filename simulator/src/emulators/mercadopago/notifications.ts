import { createHmac, randomUUID } from 'node:crypto';
import type { OutgoingNotification } from '../kit/index.js';
import type { Order } from './ledger.js';

/** What happened to an order, as the notification's `action` names it. */
export interface OrderNotice {
  order: Order;
  action: 'order.processed' | 'order.refunded' | 'order.canceled' | 'order.expired';
}

export interface OrderNotification {
  id: number;
  type: 'order';
  action: OrderNotice['action'];
  api_version: 'v1';
  application_id: string;
  user_id: string;
  live_mode: boolean;
  date_created: string;
  data: { id: string };
}

/**
 * How Mercado Pago notifies the application's webhook URL: `POST {url}?data.id={id}&type=order` with
 * `{ type, action, data: { id } }`, signed in `x-signature: ts=…,v1=…` = HMAC-SHA256(secret,
 * `id:{data.id lowercased};request-id:{x-request-id};ts:{ts};`), `ts` in seconds as in the docs' example.
 */
export function orderNotification(
  secret: string,
  applicationId: string,
  now: () => Date,
): (url: string, notices: OrderNotice[]) => OutgoingNotification<OrderNotification> {
  let sequence = 1;
  return (url, [notice]) => {
    if (!notice) throw new Error('a Mercado Pago notification names one order');
    const { order, action } = notice;
    const target = new URL(url);
    target.searchParams.set('data.id', order.id);
    target.searchParams.set('type', 'order');
    return {
      url: target.toString(),
      body: {
        id: sequence++,
        type: 'order',
        action,
        api_version: 'v1',
        application_id: applicationId,
        user_id: order.user_id,
        live_mode: false,
        date_created: now().toISOString(),
        data: { id: order.id },
      },
      headers: () => {
        const requestId = randomUUID();
        const ts = String(Math.floor(now().getTime() / 1000));
        const manifest = `id:${order.id.toLowerCase()};request-id:${requestId};ts:${ts};`;
        const v1 = createHmac('sha256', secret).update(manifest).digest('hex');
        return { 'x-request-id': requestId, 'x-signature': `ts=${ts},v1=${v1}` };
      },
    };
  };
}
