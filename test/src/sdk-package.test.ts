import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ERROR_CATALOGUE } from '@tillgate/sdk/protocol';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBrowser, launchChromium, noBrowser } from './support/browser.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';

// These tests use what `pnpm --filter @tillgate/sdk build` wrote to sdk/dist, as a user's project would:
// plain `node` and `tsc` resolve `@tillgate/sdk` through the exports map without the `source` condition.
const run = promisify(execFile);
const testDir = fileURLToPath(new URL('..', import.meta.url));
const sdkDist = fileURLToPath(new URL('../../sdk/dist/', import.meta.url));
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));

/** One scenario for both module systems: sell, pay, wait live, and touch every entry point. */
const SCENARIO = `
(async () => {
  const { GATEWAY_URL, ACCESS_KEY, SECRET_KEY, CLIENT_ID } = process.env;
  const tillgate = new Tillgate({ baseUrl: GATEWAY_URL, auth: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, clientId: CLIENT_ID } });
  const order = await tillgate.orders.create({ order_ref: 'PKG-' + Date.now() + Math.random(), wallet: 'pix', amount: 1234 });
  const waiting = tillgate.orders.waitFor(order.id, { until: ['approved'], timeout: 10000 });
  await tillgate.sandbox.pay(order.id);
  const paid = await waiting;
  const missing = await tillgate.orders.get('ord_00000000000000000000000000').catch((e) => e);
  const signed = await signTestWebhook('{"id":"evt_1","seq":1,"type":"order.approved"}', 'whsec');
  const event = await verifyWebhook(signed.body, signed.header, 'whsec');
  console.log(JSON.stringify({
    status: paid.status,
    crc: parseBRCode(order.qr_code_text).crc.length,
    svg: (await renderQR(order, { format: 'svg' })).startsWith('<svg'),
    notFound: missing instanceof TillgateNotFoundError && missing instanceof TillgateError,
    event: event.id,
    codes: ERROR_CODES.length,
  }));
})().catch((err) => { console.error(err); process.exit(1); });`;

const ENTRY_POINTS = [
  ['@tillgate/sdk', 'Tillgate, TillgateError, TillgateNotFoundError'],
  ['@tillgate/sdk/webhooks', 'signTestWebhook, verifyWebhook'],
  ['@tillgate/sdk/pix', 'parseBRCode'],
  ['@tillgate/sdk/protocol', 'ERROR_CODES'],
  ['@tillgate/sdk/qr', 'renderQR'],
] as const;

/** Loads the browser build the way a page would, with no bundler in between. */
const SHOP_PAGE = `<!doctype html><title>shop</title>
<script type="module">import { Tillgate } from '/sdk/browser.js'; window.Tillgate = Tillgate;</script>`;

// The built package must carry the whole catalogue the sources define.
const EXPECTED = {
  status: 'approved',
  crc: 4,
  svg: true,
  notFound: true,
  event: 'evt_1',
  codes: Object.keys(ERROR_CATALOGUE).length,
};

describe('the built @tillgate/sdk package', () => {
  let t: TestGateway;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await startPgliteGateway();
    env = {
      ...process.env,
      GATEWAY_URL: t.url,
      ACCESS_KEY: t.demo.access_key,
      SECRET_KEY: t.demo.secret_key,
      CLIENT_ID: t.demo.tills[0]?.client_id,
    };
  });
  afterAll(() => t?.close());

  it('is required from CommonJS', async () => {
    const imports = ENTRY_POINTS.map(([name, names]) => `const { ${names} } = require('${name}');`).join('\n');
    const { stdout } = await run('node', ['-e', imports + SCENARIO], { cwd: testDir, env });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });

  it('is imported from ESM', async () => {
    const imports = ENTRY_POINTS.map(([name, names]) => `import { ${names} } from '${name}';`).join('\n');
    const { stdout } = await run('node', ['--input-type=module', '-e', imports + SCENARIO], { cwd: testDir, env });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });

  it('type-checks a consumer with moduleResolution node16 (ESM and CJS files) and bundler', async () => {
    const check = (resolution: string) =>
      run('node', [
        tsc,
        '-p',
        fileURLToPath(new URL(`../fixtures/consumer/tsconfig.${resolution}.json`, import.meta.url)),
      ]);
    const [node16, bundler] = await Promise.all([check('node16'), check('bundler')]);
    expect([node16.stdout, bundler.stdout]).toEqual(['', '']);
  });

  describe.skipIf(noBrowser)(inBrowser('in Chromium'), () => {
    let page: Server;
    let pageUrl: string;
    let browser: Browser;

    beforeAll(async () => {
      // A page on its own origin, as a shop's checkout is: the gateway is another origin.
      page = createServer((req, res) => {
        if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(SHOP_PAGE);
        const file = /^\/sdk\/([\w.-]+\.js)$/.exec(req.url ?? '')?.[1];
        if (!file) return res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(sdkDist + file));
      });
      await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
      pageUrl = `http://localhost:${(page.address() as AddressInfo).port}`;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      page?.close();
    });

    it('loads the browser build, reads an order with its client secret and sees it paid live', async () => {
      const source = readFileSync(`${sdkDist}browser.js`, 'utf8');
      expect(source).not.toMatch(/from ["'](ws|node:[\w]+)["']|require\(/);

      const order = await t.api.createOrder(await t.api.tillToken(0), {
        order_ref: `BRW-${Date.now()}`,
        wallet: 'pix',
        amount: 990,
      });
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (err) => errors.push(err.message));
      await tab.goto(pageUrl);
      await tab.waitForFunction(() => 'Tillgate' in globalThis);
      const read = await tab.evaluate(
        async ({ gateway, secret, id }) => {
          const { Tillgate } = globalThis as unknown as { Tillgate: typeof import('@tillgate/sdk').Tillgate };
          const tillgate = new Tillgate({ baseUrl: gateway, auth: { clientSecret: secret } });
          const w = globalThis as unknown as { paid: Promise<string> };
          w.paid = tillgate.orders
            .waitFor(id, { until: ['approved'], timeout: 10_000 })
            .then((o: { status: string }) => o.status);
          return (await tillgate.orders.get(id)).status;
        },
        { gateway: t.url, secret: order.body.client_secret, id: order.body.id },
      );
      expect(read).toBe('pending');
      await t.api.pay(await t.api.tillToken(0), order.body.id);
      expect(await tab.evaluate(() => (globalThis as unknown as { paid: Promise<string> }).paid)).toBe('approved');
      expect(errors).toEqual([]);
    });
  });
});
