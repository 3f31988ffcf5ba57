import { DEMO_MERCHANT_ID } from '@tillgate/gateway';
import type { ReportSubscription } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUserPage, inBrowser, noBrowser, saveScreenshot, suitePanel } from './support/browser.js';
import { type TestGateway, WallClock } from './support/gateway.js';
import { demoPlace, seedSales } from './support/sales-seed.js';

const SALES = 60;

/** Last week, Monday to Sunday, in São Paulo (UTC−3), as the panel's form proposes it. */
function lastWeekStart(now: Date): Date {
  const local = new Date(now.getTime() - 3 * 3_600_000);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - (sinceMonday + 7) * 86_400_000 + 3 * 3_600_000);
}

describe.skipIf(noBrowser)(inBrowser('the Arquivos and Assinaturas pages in Chromium'), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({ clock: new WallClock() }, (suite) => {
    ({ t, browser } = suite);
  });
  const errors: string[] = [];

  beforeAll(async () => {
    const place = await demoPlace(t.gateway.db.knex, DEMO_MERCHANT_ID, t.demo.tills[0]?.id ?? '');
    // Every sale inside last week: one every two hours from Monday 01:00 in São Paulo.
    const first = new Date(lastWeekStart(new Date()).getTime() + 3_600_000);
    await seedSales(t.gateway.db.knex, place, { count: SALES, first, stepMs: 2 * 3_600_000, tag: 'P' });
  });

  const logIn = (role: 'admin' | 'manager' | 'clerk'): Promise<Page> =>
    demoUserPage(browser, t, role, errors, { acceptDownloads: true });

  it("lets a manager generate last week's file, see it in Arquivos and download it", async () => {
    const page = await logIn('manager');
    await page.click('a[href="#/files"]');
    await page.waitForSelector('[data-testid=file-form]');
    await page.selectOption('[data-testid=file-format]', 'xlsx');
    await page.click('[data-testid=file-generate]');
    // The row appears at once and turns ready through report.updated, with no reload.
    const row = page.locator('[data-testid=file-row][data-status=ready]').first();
    await row.waitFor({ timeout: 20_000 });
    await saveScreenshot(page, 'panel-files');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('[data-testid=file-download]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vendas-todas-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Data');
    expect(sheet?.rowCount).toBe(SALES + 2);
    expect(sheet?.getRow(SALES + 2).getCell(1).value).toBe('Total');
    expect(errors).toEqual([]);
  }, 60_000);

  it('does not offer Arquivos or Assinaturas to a clerk', async () => {
    const page = await logIn('clerk');
    expect(await page.locator('a[href="#/files"]').count()).toBe(0);
    expect(await page.locator('a[href="#/subscriptions"]').count()).toBe(0);
  });

  it('lets an admin subscribe a colleague to the weekly sales file, then change and remove it', async () => {
    const colleague = t.demo.panel_users.find((u) => u.role === 'manager')?.email ?? '';
    const page = await logIn('admin');
    await page.click('a[href="#/subscriptions"]');
    await page.click('[data-testid=subscription-new]');
    await page.fill('[data-testid=subscription-email]', colleague);
    await page.selectOption('[data-testid=subscription-report]', 'sales');
    await page.selectOption('[data-testid=subscription-format]', 'xlsx');
    await page.selectOption('[data-testid=subscription-frequency-input]', 'weekly');
    await page.click('[data-testid=subscription-save]');

    // A colleague is of the team: active at once, with its next sending (a Monday, 06:00 in São Paulo).
    const row = page.locator(`[data-testid=subscription-row][data-email="${colleague}"]`);
    await row.locator('[data-testid=subscription-status]').getByText('ativa').waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await row.locator('[data-testid=subscription-next] time').getAttribute('datetime')).toMatch(
      /T09:00:00\.000Z$/,
    );
    await saveScreenshot(page, 'panel-subscriptions');
    const app = await t.api.appToken();
    const listed = await t.api.call<{ data: ReportSubscription[] }>('GET', '/v1/report-subscriptions', { token: app });
    const [created] = listed.body.data;
    expect(created).toMatchObject({ email: colleague, report: 'sales', format: 'xlsx', frequency: 'weekly' });
    expect(new Date(created?.next_send_at ?? '').getUTCDay()).toBe(1);

    await row.locator('[data-testid=subscription-edit]').click();
    await page.selectOption('[data-testid=subscription-frequency-input]', 'monthly');
    await page.click('[data-testid=subscription-save]');
    await row.locator('[data-testid=subscription-frequency]').getByText('Mensal').waitFor();

    await row.locator('[data-testid=subscription-remove]').click();
    await page.click('[data-testid=confirm-ok]');
    await row.waitFor({ state: 'detached' });
    expect((await t.api.call('GET', `/v1/report-subscriptions/${created?.id}`, { token: app })).status).toBe(404);
    expect(errors).toEqual([]);
  }, 60_000);
});
