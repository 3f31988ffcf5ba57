import { DEMO_MERCHANT_ID } from '@tillgate/gateway';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt, inBrowser, launchChromium, noBrowser, saveScreenshot } from './support/browser.js';
import { startPgliteGateway, type TestGateway, WallClock } from './support/gateway.js';
import { demoPlace, seedSales } from './support/sales-seed.js';

const SALES = 60;

/** Last week, Monday to Sunday, in São Paulo (UTC−3), as the panel's form proposes it. */
function lastWeekStart(now: Date): Date {
  const local = new Date(now.getTime() - 3 * 3_600_000);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - (sinceMonday + 7) * 86_400_000 + 3 * 3_600_000);
}

describe.skipIf(noBrowser)(inBrowser('the Arquivos page in Chromium'), () => {
  let t: TestGateway;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    ensurePanelBuilt();
    t = await startPgliteGateway({ clock: new WallClock() });
    const place = await demoPlace(t.gateway.db.knex, DEMO_MERCHANT_ID, t.demo.tills[0]?.id ?? '');
    // Every sale inside last week: one every two hours from Monday 01:00 in São Paulo.
    const first = new Date(lastWeekStart(new Date()).getTime() + 3_600_000);
    await seedSales(t.gateway.db.knex, place, { count: SALES, first, stepMs: 2 * 3_600_000, tag: 'P' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function logIn(role: 'manager' | 'clerk'): Promise<Page> {
    const who = t.demo.panel_users.find((u) => u.role === role);
    if (!who) throw new Error(`no demo ${role}`);
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${t.url}/#/login`);
    await page.fill('[data-testid=login-email]', who.email);
    await page.fill('[data-testid=login-password]', t.demo.panel_password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=shell]');
    return page;
  }

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

  it('does not offer Arquivos to a clerk', async () => {
    const page = await logIn('clerk');
    expect(await page.locator('a[href="#/files"]').count()).toBe(0);
  });
});
