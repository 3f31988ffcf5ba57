/**
 * Plays the gateway's webhook delivery against the running receiver: sells and pays an order on the
 * demo merchant, signs its `order.approved` event with the receiver's secret, and delivers it twice.
 */
import { readFileSync } from 'node:fs';
import { Tillgate } from '@tillgate/sdk';
import { SIGNATURE_HEADER, signTestWebhook } from '@tillgate/sdk/webhooks';

const demoFile = process.env.TILLGATE_CREDENTIALS ?? new URL('../../../.data/demo-credentials.json', import.meta.url);
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
const receiverUrl = process.env.RECEIVER_URL ?? 'http://127.0.0.1:4000/webhooks/tillgate';
const secret = process.env.TILLGATE_WEBHOOK_SECRET ?? 'whsec_demo_local';

const tillgate = new Tillgate({
  baseUrl: demo.gateway_url,
  auth: { appName: demo.app_name, appSecret: demo.app_secret },
});
const order = await tillgate.orders.create({
  order_ref: `HOOK-${Date.now()}`,
  wallet: 'pix',
  amount: 1990,
  till_id: demo.tills[0].id,
});
await tillgate.sandbox.pay(order.id);
for await (const event of tillgate.events.list({ type: 'order.approved', limit: 500 })) {
  if (event.data.order.id !== order.id) continue;
  const { body, header } = await signTestWebhook(event, secret);
  for (const attempt of ['first delivery', 'redelivery']) {
    const res = await fetch(receiverUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: header },
    });
    console.log(`${attempt} of ${event.id} (${event.type}): HTTP ${res.status}`);
  }
}
