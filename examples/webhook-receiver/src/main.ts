import { createReceiver } from './receiver.js';

const port = Number(process.env.PORT ?? 4000);
const secret = process.env.TILLGATE_WEBHOOK_SECRET ?? 'whsec_demo_local';

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

const app = createReceiver({
  secret,
  apply: (event) => {
    const { order } = event.data;
    console.log(
      `${event.created_at}  ${event.type.padEnd(24)} ${order.id}  ${order.order_ref}  ${brl.format(order.amount / 100)}`,
    );
  },
});
app.listen(port, '127.0.0.1', () => {
  console.log(`Receiving Tillgate webhooks at http://127.0.0.1:${port}/webhooks/tillgate`);
  console.log('Send a signed test delivery with: pnpm --filter @tillgate/example-webhook-receiver send-test');
});
