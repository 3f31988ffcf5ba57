import {
  demoUserPage,
  inBrowser,
  noBrowser,
  requestEnvironment,
  saveScreenshot,
  suitePanel,
} from '@tillgate/test/support/browser';
import type { TestGateway } from '@tillgate/test/support/gateway';
import { PanelSession } from '@tillgate/test/support/panel';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/** The panel as the gateway serves it, before anyone logs in: language, the log-in and sign-up pages. */
describe.skipIf(noBrowser)(inBrowser('the merchant panel shell in Chromium'), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({}, (suite) => {
    ({ t, browser } = suite);
  });

  async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${t.url}/${hash}`);
    return { page, errors };
  }

  it('serves the page at / uncached and its hashed files cached for a year', async () => {
    const index = await fetch(`${t.url}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/panel\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${t.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Without one the browser asks for /favicon.ico and logs a 404 on every page.
    const icon = /<link rel="icon"[^>]*href="(\/panel\/[^"]+\.svg)"/.exec(html)?.[1];
    expect(icon).toBeDefined();
    expect((await fetch(`${t.url}${icon}`)).status).toBe(200);
  });

  it('shows the log-in in Portuguese, switches to English and remembers the choice', async () => {
    const { page, errors } = await open('#/login');
    await page.waitForSelector('[data-testid=login-page]');
    expect(await page.textContent('[data-testid=login-page] h1')).toBe('Entrar');
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
    await saveScreenshot(page, 'panel-login-pt-BR');

    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.querySelector('[data-testid=login-page] h1')?.textContent === 'Log in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.waitForSelector('[data-testid=login-page]');
    expect(await page.textContent('[data-testid=login-page] h1')).toBe('Log in');
    expect(await page.textContent('[data-testid=login-submit]')).toBe('Log in');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a CNPJ with wrong check digits before asking the server, and masks it', async () => {
    const { page, errors } = await open('#/signup');
    const signups: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/panel/signup') && signups.push(r.url()));
    await page.waitForSelector('[data-testid=signup-page]');
    await page.fill('[data-testid=signup-merchant]', 'Padaria Pão Quente');
    await page.fill('[data-testid=signup-cnpj]', '11222333000182');
    expect(await page.inputValue('[data-testid=signup-cnpj]')).toBe('11.222.333/0001-82');
    await page.fill('[data-testid=signup-email]', 'dona@padaria.example');
    await page.fill('[data-testid=signup-password]', 'uma senha longa');
    await page.click('[data-testid=signup-submit]');
    const error = page.locator('[data-testid=signup-cnpj]').locator('xpath=..').locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('CNPJ inválido: confira os dígitos verificadores');
    await saveScreenshot(page, 'panel-signup-bad-cnpj');

    await page.fill('[data-testid=signup-cnpj]', '11.222.333/0001-81');
    expect(await page.locator('[data-testid=signup-cnpj]').locator('xpath=..').locator('.field-error').count()).toBe(0);
    expect(signups).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets the page open the gateway's WebSocket under its content security policy", async () => {
    const { page } = await open('#/login');
    await page.waitForSelector('[data-testid=login-page]');
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked: ${e.violatedDirective}`));
          const ws = new WebSocket(`ws://${location.host}/v1/ws`);
          // Without a session the upgrade is refused (401); what matters is that the browser tried.
          ws.onclose = () => setTimeout(() => resolve('attempted'), 50);
        }),
    );
    expect(outcome).toBe('attempted');
    await page.close();
  });

  it('names the connection apart from the environment, confirms a switch in a sentence, and keeps a clerk where she is', async () => {
    const errors: string[] = [];
    const manager = await demoUserPage(browser, t, 'manager', errors, { viewport: { width: 1280, height: 800 } });
    const link = manager.locator('[data-testid=link-state][data-state=live]');
    await link.waitFor();
    expect(await link.textContent()).toBe('Conectado');
    await manager.click('[data-testid=env-switch]');
    const dialog = manager.locator('[data-testid=confirm-dialog]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'Você passa a ver e criar pagamentos reais, com dinheiro de verdade, e as chaves e contas de produção.',
    );
    await saveScreenshot(manager, 'panel-environment-confirm');
    await manager.click('[data-testid=confirm-cancel]');
    expect(await manager.getAttribute('[data-testid=shell]', 'data-environment')).toBe('test');

    const clerk = await demoUserPage(browser, t, 'clerk', errors, { viewport: { width: 1280, height: 800 } });
    await clerk.waitForSelector('[data-testid=env-current]');
    expect(await clerk.locator('[data-testid=env-switch]').count()).toBe(0);
    expect(await clerk.textContent('[data-testid=env-current]')).toBe('TESTE');
    // The gateway refuses what the panel does not offer.
    expect(await requestEnvironment(clerk, 'live')).toEqual({ status: 403, code: 'forbidden' });
    expect(errors).toEqual([]);
    await manager.context().close();
    await clerk.context().close();
  });

  it('goes back to the log-in when its session ends elsewhere, instead of reconnecting for ever', async () => {
    const manager = t.demo.panel_users.find((u) => u.role === 'manager');
    if (!manager) throw new Error('no demo manager');
    const { page, errors } = await open('#/login');
    await page.fill('[data-testid=login-email]', manager.email);
    await page.fill('[data-testid=login-password]', t.demo.panel_password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=link-state][data-state=live]');
    const upgrades: string[] = [];
    page.on('websocket', (ws) => upgrades.push(ws.url()));

    // The admin removes the manager: the gateway closes the manager's socket with 4401.
    const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    const me = await admin.call<{ data: Array<{ id: string; email: string }> }>('GET', '/v1/users');
    const id = me.body.data.find((u) => u.email === manager.email)?.id;
    expect((await admin.call('DELETE', `/v1/users/${id}`)).status).toBe(204);
    await page.waitForSelector('[data-testid=login-page]', { timeout: 5000 });
    expect(upgrades).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
