import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ref } from '@tillgate/test/support/api';
import { ensurePanelBuilt, inBrowser, launchChromium, noBrowser, saveScreenshot } from '@tillgate/test/support/browser';
import { startPgliteGateway, type TestGateway, WallClock } from '@tillgate/test/support/gateway';
import { emailedToken, PanelSession } from '@tillgate/test/support/panel';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The Auditoria page after a morning of changes: an admin reads and filters it, a clerk never sees it. */
describe.skipIf(noBrowser)(inBrowser('the audit page in Chromium'), () => {
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
  let t: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    ensurePanelBuilt();
    t = await startPgliteGateway({ clock: new WallClock(), outboxDir });
    browser = await launchChromium();
    const till = await t.api.tillToken(0);
    const app = await t.api.appToken();
    await t.api.call('POST', '/v1/panel/login', { body: { email: t.demo.panel_email, password: 'wrong-password' } });
    const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    await t.api.call('POST', '/v1/webhook-endpoints', {
      token: app,
      body: { url: 'http://127.0.0.1:9/erp', events: ['order.approved'] },
    });
    const pending = (await t.api.createOrder(till, { order_ref: ref(), wallet: 'pix', amount: 4590 })).body;
    await t.api.call('POST', `/v1/orders/${pending.id}/cancel`, { token: till });
    const paid = (await t.api.createOrder(till, { order_ref: ref(), wallet: 'pix', amount: 1990 })).body;
    await t.api.pay(till, paid.id);
    await admin.call('POST', `/v1/orders/${paid.id}/refunds`, { body: { amount: 500 } });
    const email = 'caixa.nova@padaria.example';
    const invited = await admin.call<{ id: string }>('POST', '/v1/users', { body: { email, role: 'clerk' } });
    const token = await emailedToken(t.api, email, 'invite');
    await t.api.call('POST', '/v1/panel/invitations/accept', {
      body: { token, name: 'Joana Caixa', password: 'senha-muito-segura' },
    });
    await admin.call('PATCH', `/v1/users/${invited.body.id}`, { body: { role: 'manager' } });
    const stores = await t.api.call<{ data: Array<{ id: string }> }>('GET', '/v1/stores', { token: app });
    await t.api.call('POST', `/v1/stores/${stores.body.data[0]?.id}/credentials`, { token: app });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  async function logIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${t.url}/#/login`);
    await page.fill('[data-testid=login-email]', email);
    await page.fill('[data-testid=login-password]', t.demo.panel_password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=shell]');
    return page;
  }

  it('lists every recorded change for an admin, filters by action and actor, and leaves a screenshot', async () => {
    const page = await logIn(t.demo.panel_email);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.click('[data-testid=nav-audit]');
    await page.waitForSelector('[data-testid=audit-row][data-action="store_credentials.rotated"]');
    const actions = await page.$$eval('[data-testid=audit-row]', (rows) =>
      rows.map((r) => r.getAttribute('data-action')),
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'session.login_failed',
        'session.login',
        'webhook_endpoint.created',
        'order.cancelled',
        'refund.created',
        'user.invited',
        'user.invitation_accepted',
        'user.updated',
        'store_credentials.rotated',
      ]),
    );
    expect(actions).not.toContain('order.created');
    const refundRow = page.locator('[data-testid=audit-row][data-action="refund.created"]');
    expect(await refundRow.textContent()).toMatch(/R\$\s5,00/);
    await saveScreenshot(page, 'panel-audit');

    await page.selectOption('[data-testid=audit-filter-action]', 'refund.created');
    await page.click('[data-testid=audit-filter-apply]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=audit-row]').length === 1);
    await page.selectOption('[data-testid=audit-filter-action]', '');
    await page.selectOption('[data-testid=audit-filter-actor]', t.demo.tills[0]?.id ?? '');
    await page.click('[data-testid=audit-filter-apply]');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid=audit-row]')).every(
        (r) => r.getAttribute('data-action') === 'order.cancelled',
      ),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is not offered to a clerk', async () => {
    const clerk = t.demo.panel_users.find((u) => u.role === 'clerk');
    const page = await logIn(clerk?.email ?? '');
    expect(await page.locator('[data-testid=nav-audit]').count()).toBe(0);
    await page.close();
  });
});
