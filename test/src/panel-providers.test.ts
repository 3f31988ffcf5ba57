import { inBrowser, logInPanel, noBrowser, suitePanel } from '@tillgate/test/support/browser';
import type { TestGateway } from '@tillgate/test/support/gateway';
import type { Browser } from 'playwright-core';
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

  it("asks the provider's own fields, secrets as password fields never shown back", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await logInPanel(page, t.url, { email: t.demo.panel_email, password: t.demo.panel_password });
    await page.click('[data-testid=nav-providers]');
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
});
