import { readFileSync } from 'node:fs';
import { Tillgate } from '@tillgate/sdk';
import { createCheckoutServer } from './server.js';

const demoFile = process.env.TILLGATE_CREDENTIALS ?? new URL('../../../.data/demo-credentials.json', import.meta.url);
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
const port = Number(process.env.PORT ?? 4100);

const app = await createCheckoutServer({
  tillgate: new Tillgate({ baseUrl: demo.gateway_url, auth: { appName: demo.app_name, appSecret: demo.app_secret } }),
  tillId: demo.tills[1].id,
  gatewayUrl: demo.gateway_url,
});
app.listen(port, '127.0.0.1', () => console.log(`Checkout at http://127.0.0.1:${port}`));
