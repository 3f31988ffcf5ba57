import type { PaymentLink } from '@tillgate/sdk/protocol';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inBrowser, noBrowser, saveScreenshot, suitePanel } from './support/browser.js';
import { type TestGateway, WallClock } from './support/gateway.js';

describe.skipIf(noBrowser)(inBrowser('the Links page in Chromium'), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({ clock: new WallClock() }, (suite) => {
    ({ t, browser } = suite);
  });
  const errors: string[] = [];

  async function logIn(role: 'manager' | 'clerk'): Promise<Page> {
    const who = t.demo.panel_users.find((u) => u.role === role);
    if (!who) throw new Error(`no demo ${role}`);
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${t.url}/#/login`);
    await page.fill('[data-testid=login-email]', who.email);
    await page.fill('[data-testid=login-password]', t.demo.panel_password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=shell]');
    return page;
  }

  it('a manager sends a link to two buyers, each pays on the hosted page, and the list shows both paid', async () => {
    const panel = await logIn('manager');
    await panel.click('a[href="#/links"]');
    await panel.click('[data-testid=link-new]');
    await panel.fill('[data-testid=link-amount]', '45,90');
    await panel.fill('[data-testid=link-ref]', 'Encomenda');
    await panel.fill('[data-testid=link-emails]', 'ana@cliente.example; bruno@cliente.example');
    await panel.click('[data-testid=link-next]');
    await panel.waitForSelector('[data-testid=link-form][data-step="2"]');
    await panel.click('[data-testid=link-next]');
    await panel.fill('[data-testid=link-message]', 'Obrigado pela encomenda!');
    const preview = (await panel.textContent('[data-testid=link-preview]')) ?? '';
    expect(preview).toContain('R$');
    expect(preview).toContain('45,90');
    expect(preview).toContain('Encomenda-001');
    expect(preview).toContain('Obrigado pela encomenda!');
    await panel.click('[data-testid=link-send]');
    await panel.locator('[data-testid=link-row][data-status=sent]').nth(1).waitFor();

    const app = await t.api.appToken();
    const listed = await t.api.call<{ data: PaymentLink[] }>('GET', '/v1/payment-links?order_ref=Encomenda', {
      token: app,
    });
    expect(listed.body.data.map((l) => [l.order_ref, l.email, l.amount])).toEqual([
      ['Encomenda-002', 'bruno@cliente.example', 4590],
      ['Encomenda-001', 'ana@cliente.example', 4590],
    ]);
    for (const link of listed.body.data) {
      const buyer = await (await browser.newContext({ locale: 'pt-BR' })).newPage();
      await buyer.goto(link.url);
      await buyer.getByRole('button', { name: 'Pagar com Pix' }).click();
      await buyer.getByTestId('status').filter({ hasText: 'Aguardando pagamento' }).waitFor();
      const now = await t.api.call<PaymentLink>('GET', `/v1/payment-links/${link.id}`, { token: app });
      expect((await t.api.pay(app, now.body.order_id as string)).status).toBe(200);
      await buyer.getByTestId('status').filter({ hasText: 'Pago' }).waitFor({ timeout: 10_000 });
    }
    // The panel learns it live, without a reload.
    await panel.locator('[data-testid=link-row][data-status=paid]').nth(1).waitFor({ timeout: 10_000 });
    await saveScreenshot(panel, 'panel-links');
    expect(errors).toEqual([]);
  });

  it('shows no Links page to a clerk', async () => {
    const page = await logIn('clerk');
    expect(await page.locator('a[href="#/links"]').count()).toBe(0);
  });
});
