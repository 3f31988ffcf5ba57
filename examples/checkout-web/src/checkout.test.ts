import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '@tillgate/gateway';
import { Tillgate } from '@tillgate/sdk';
import { inBrowser, launchChromium, noBrowser } from '@tillgate/test/support/browser';
import { startPgliteGateway, type TestGateway } from '@tillgate/test/support/gateway';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckoutServer } from './server.js';

const EXPIRES_IN = 120;

describe.skipIf(noBrowser)(inBrowser('the checkout page in Chromium'), () => {
  let t: TestGateway;
  let shop: Tillgate;
  let server: Server;
  let shopUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startPgliteGateway({ clock: new ManualClock(new Date()) });
    shop = new Tillgate({ baseUrl: t.url, auth: { appName: t.demo.app_name, appSecret: t.demo.app_secret } });
    const app = await createCheckoutServer({
      tillgate: shop,
      tillId: t.demo.tills[1]?.id as string,
      gatewayUrl: t.url,
      expiresIn: EXPIRES_IN,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    shopUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  /** Opens the checkout and returns the order its QR is for, once the page shows it. */
  async function openCheckout(): Promise<{ page: Page; orderId: string; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(shopUrl);
    return { page, orderId: await waitForNewOrder(page), errors };
  }

  async function waitForNewOrder(page: Page, previous?: string): Promise<string> {
    await page.waitForFunction(
      (old) =>
        document.body.dataset.orderId !== undefined &&
        document.body.dataset.orderId !== old &&
        !document.querySelector<HTMLImageElement>('#qr')?.hidden,
      previous,
    );
    return page.evaluate(() => document.body.dataset.orderId as string);
  }

  it('shows the QR and copy-and-paste code, counts down, and shows "Pago" within 1 s of the payment', async () => {
    const { page, orderId, errors } = await openCheckout();
    const order = await shop.orders.get(orderId);
    expect(await page.inputValue('#code')).toBe(order.qr_code_text);
    expect(await page.getAttribute('#qr', 'src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.textContent('#status')).toBe('Aguardando pagamento');
    expect(await page.textContent('#countdown')).toMatch(/^Expira em [12]:\d\d$/);

    await shop.sandbox.pay(orderId);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Pago', undefined, {
      timeout: 1_000,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers a new QR after expiry, for the same cart and order_ref, and that one can be paid', async () => {
    const { page, orderId: first, errors } = await openCheckout();
    t.clock.advance(EXPIRES_IN * 1000 + 1000);
    await page.waitForSelector('#renew:not([hidden])');
    expect(await page.textContent('#status')).toBe('QR expirado');

    await page.click('#renew');
    const second = await waitForNewOrder(page, first);
    const [old, renewed] = await Promise.all([shop.orders.get(first), shop.orders.get(second)]);
    expect(old.status).toBe('expired');
    expect(renewed).toMatchObject({ status: 'pending', order_ref: old.order_ref });
    expect(await page.inputValue('#code')).toBe(renewed.qr_code_text);

    await shop.sandbox.pay(second);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Pago', undefined, {
      timeout: 1_000,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
