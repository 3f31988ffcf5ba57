import { Tillgate } from '@tillgate/sdk';
import type { TestGateway } from './gateway.js';

/** An SDK client signed in as demo till `index`, as a POS integrator would configure it. */
export function tillClient(t: TestGateway, index = 0, baseUrl = t.url): Tillgate {
  const till = t.demo.tills[index];
  if (!till) throw new Error(`no demo till ${index}`);
  return new Tillgate({
    baseUrl,
    auth: { accessKey: t.demo.access_key, secretKey: t.demo.secret_key, clientId: till.client_id },
  });
}

/** An SDK client with the demo merchant's app credentials. */
export const appClient = (t: TestGateway): Tillgate =>
  new Tillgate({ baseUrl: t.url, auth: { appName: t.demo.app_name, appSecret: t.demo.app_secret } });
