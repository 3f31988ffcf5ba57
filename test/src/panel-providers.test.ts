import { inBrowser, logInPanel, noBrowser, requestEnvironment, suitePanel } from '@tillgate/test/support/browser';
import type { TestGateway } from '@tillgate/test/support/gateway';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakeProvider } from './support/fake-provider/index.js';

// Named after the wallet it takes, so the panel asks its fields whatever adapter the wallet has elsewhere.
const fake = fakeProvider({ id: 'ame', wallets: ['ame'] });

/** The panel's "add a wallet" form, built from GET /v1/providers for a provider registered with one line. */
describe.skipIf(noBrowser)(inBrowser("a provider's account form in the panel, in Chromium"), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({ providers: [fake.descriptor] }, (suite) => {
    ({ t, browser } = suite);
  });

  /** The providers screen as the demo admin; the page's errors go to `errors`. */
  async function providersPage(errors: string[]): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (err) => errors.push(err.message));
    await logInPanel(page, t.url, { email: t.demo.panel_email, password: t.demo.panel_password });
    await page.click('[data-testid=nav-providers]');
    return page;
  }

  it("asks the provider's own fields, secrets as password fields never shown back", async () => {
    const errors: string[] = [];
    const page = await providersPage(errors);
    await page.click('[data-testid=provider-add-wallet]');
    await page.selectOption('[data-testid=provider-provider]', 'ame');
    expect(await page.getAttribute('[data-testid=provider-api_token]', 'type')).toBe('password');
    expect(await page.getAttribute('[data-testid=provider-merchant_code]', 'type')).toBe('text');
    expect(await page.$$eval('[data-testid=provider-region] option', (o) => o.map((x) => x.textContent))).toEqual([
      '—',
      'br',
      'latam',
    ]);
    expect(await page.$('textarea[data-testid=provider-webhook_key_pem]')).not.toBeNull();
    // The test environment: its emulator's address is asked too.
    expect(await page.$('[data-testid=provider-base_url]')).not.toBeNull();

    await page.fill('[data-testid=provider-name]', 'Ame da loja');
    await page.fill('[data-testid=provider-merchant_code]', 'LOJA-1');
    await page.fill('[data-testid=provider-api_token]', 'segredo-da-ame');
    await page.click('[data-testid=provider-save]');
    const card = page.locator('[data-testid=provider-account]', { hasText: 'Ame da loja' });
    await card.waitFor();
    expect(await page.content()).not.toContain('segredo-da-ame');
    expect(errors).toEqual([]);
  });

  it("marks a Pix bank's certificate required exactly where the gateway demands it, and the gateway agrees", async () => {
    const errors: string[] = [];
    const page = await providersPage(errors);
    await page.click('[data-testid=provider-add-pix]');
    const required = (field: string) => page.getAttribute(`[data-testid=provider-${field}]`, 'aria-required');
    const hint = (field: string) =>
      page.locator(`[data-testid=provider-${field}]`).locator('xpath=..').locator('.hint').textContent();

    // Itaú's sandbox takes an account without a certificate; Santander's does not (profiles.ts).
    await page.selectOption('[data-testid=provider-provider]', 'itau');
    expect([await required('certificate_pem'), await required('key_pem')]).toEqual(['false', 'false']);
    expect(await hint('key_pem')).toBe('Opcional');
    await page.selectOption('[data-testid=provider-provider]', 'santander');
    expect([await required('certificate_pem'), await required('key_pem')]).toEqual(['true', 'true']);
    expect(await hint('certificate_pem')).toBe('Certificado do cliente (mTLS)');
    expect(await page.locator('[data-testid=provider-key_pem]').locator('xpath=..').locator('.hint').count()).toBe(0);
    // An emulator standing in for the bank waives it, as the gateway does.
    await page.fill('[data-testid=provider-base_url]', 'http://127.0.0.1:9/');
    expect(await required('certificate_pem')).toBe('false');
    await page.fill('[data-testid=provider-base_url]', '');

    await page.fill('[data-testid=provider-name]', 'Santander da loja');
    await page.fill('[data-testid=provider-pix_key]', 'chave');
    await page.fill('[data-testid=provider-client_id]', 'cliente');
    await page.fill('[data-testid=provider-client_secret]', 'segredo');
    await page.click('[data-testid=provider-save]');
    const refusal = page.locator('[data-testid=provider-certificate_pem]').locator('xpath=..').locator('.field-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('required');

    // In live every bank demands it.
    expect((await requestEnvironment(page, 'live')).status).toBe(200);
    await page.reload();
    await page.click('[data-testid=nav-providers]');
    await page.click('[data-testid=provider-add-pix]');
    await page.selectOption('[data-testid=provider-provider]', 'itau');
    expect([await required('certificate_pem'), await required('key_pem')]).toEqual(['true', 'true']);
    expect(await page.$('[data-testid=provider-base_url]')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
