import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PaymentLink } from '@tillgate/sdk/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pglite, type Storage } from './support/backends.js';
import { inBrowser, launchChromium, noBrowser, saveScreenshot } from './support/browser.js';
import { startTestGateway, type TestGateway, WallClock } from './support/gateway.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: unknown[];
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: AxeViolation[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(noBrowser)(inBrowser('the hosted page of a payment link, in Chromium'), () => {
  let storage: Storage;
  let t: TestGateway;
  let browser: Browser;
  let app: string;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    storage = await pglite.create();
    t = await startTestGateway(storage, { clock: new WallClock() });
    app = await t.api.appToken();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await storage?.drop();
  });

  async function links(count: number): Promise<PaymentLink[]> {
    const r = await t.api.call<{ data: PaymentLink[] }>('POST', '/v1/payment-links', {
      token: app,
      body: {
        store_id: 'sto_DEMO0000000000000000000000',
        amount: 4590,
        order_ref: 'Pedido77',
        emails: Array.from({ length: count }, (_, i) => `comprador${i}@cliente.example`),
        message: 'Seu pedido está separado.',
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data;
  }

  async function open(url: string, locale = 'pt-BR'): Promise<Page> {
    const context = await browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': locale } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(url);
    return page;
  }

  it('shows the QR without a second request, goes paid live, keeps the receipt; two buyers pay apart', async () => {
    const [first, second] = (await links(2)) as [PaymentLink, PaymentLink];
    const page = await open(first.url);
    expect(await page.locator('h2').textContent()).toBe('Escolha como pagar');
    expect(await page.getByTestId('amount').textContent()).toBe('R$ 45,90');
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    expect(await page.getByText('Seu pedido está separado.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Pagar com PicPay' }).click();
    await page.getByTestId('status').filter({ hasText: 'Aguardando pagamento' }).waitFor();
    expect(await page.locator('.qr svg').count()).toBe(1);
    const code = await page.locator('#code').inputValue();
    expect(code.length).toBeGreaterThan(20);
    expect(await page.getByTestId('countdown').textContent()).toMatch(/^(59|60):\d\d$/);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'pay-page-pending');

    const link = await t.api.call<PaymentLink>('GET', `/v1/payment-links/${first.id}`, { token: app });
    expect(link.body.status).toBe('opened');
    // Paid elsewhere (the payer's bank app): the page learns it over the WebSocket and shows the receipt.
    expect((await t.api.pay(app, link.body.order_id as string)).status).toBe(200);
    await page.getByTestId('status').filter({ hasText: 'Pago' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('receipt').textContent()).toContain('R$ 45,90');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'pay-page-receipt');
    await page.reload();
    await page.getByTestId('status').filter({ hasText: 'Pago' }).waitFor();

    // The second buyer's link is still open and pays on its own, through its own order.
    const other = await open(second.url);
    await other.getByRole('button', { name: 'Pagar com PicPay' }).click();
    await other.getByTestId('status').filter({ hasText: 'Aguardando pagamento' }).waitFor();
    const secondLink = await t.api.call<PaymentLink>('GET', `/v1/payment-links/${second.id}`, { token: app });
    expect(secondLink.body.order_id).not.toBe(link.body.order_id);
    expect((await t.api.pay(app, secondLink.body.order_id as string)).status).toBe(200);
    await other.getByTestId('status').filter({ hasText: 'Pago' }).waitFor({ timeout: 10_000 });

    const listed = await t.api.call<{ data: PaymentLink[] }>('GET', '/v1/payment-links?order_ref=Pedido77', {
      token: app,
    });
    expect(listed.body.data.map((l) => l.status)).toEqual(['paid', 'paid']);
    expect(cspErrors).toEqual([]);
  });

  it('speaks English to a browser that prefers it, and says why a closed link takes no payment', async () => {
    const [link] = (await links(1)) as [PaymentLink];
    expect((await t.api.call('POST', `/v1/payment-links/${link.id}/cancel`, { token: app })).status).toBe(200);
    const page = await open(link.url, 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('status').textContent()).toBe('The shop cancelled this payment link.');
    expect(await page.getByRole('button').count()).toBe(0);
    const missing = await open(`${t.url}/pay/${'x'.repeat(43)}`);
    expect(await missing.locator('h1').textContent()).toBe('Link de pagamento não encontrado');
  });
});
