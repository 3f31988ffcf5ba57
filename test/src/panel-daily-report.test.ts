import { readFileSync } from 'node:fs';
import type { DailyReport, OrderSummary, Wallet } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import {
  ensurePanelBuilt,
  inBrowser,
  launchChromium,
  logInPanel,
  noBrowser,
  saveScreenshot,
} from './support/browser.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
import { replaceSales, type SaleSpec } from './support/sales-data.js';

const DEMO_STORE = 'sto_DEMO0000000000000000000000';

/** A month of a bakery's sales: more on weekends, Pix first, a few refunds, a quiet Monday with none. */
function aMonthOfSales(): SaleSpec[] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const wallets: Wallet[] = ['pix', 'pix', 'pix', 'mercadopago', 'picpay', 'pagbank'];
  const specs: SaleSpec[] = [];
  for (let day = 0; day < 31; day++) {
    if (day === 10) continue;
    const weekend = [1, 2].includes(day % 7);
    const count = Math.round((weekend ? 9 : 5) + next() * 5);
    for (let i = 0; i < count; i++) {
      const roll = next();
      specs.push({
        store: 0,
        till: i % 2,
        wallet: wallets[Math.floor(next() * wallets.length)] as Wallet,
        status: roll < 0.06 ? 'refunded' : roll < 0.12 ? 'partially_refunded' : roll < 0.85 ? 'approved' : 'expired',
        amount: 500 + Math.round(next() * 12_000),
        createdAt: day * 1440 + 8 * 60 + Math.round(next() * 12 * 60),
        paidAfter: 1,
        refunds: [{ after: Math.round(next() * 3000), share: 400 }],
        noise: false,
      });
    }
  }
  return specs;
}

describe.skipIf(noBrowser)(inBrowser('the reports page and the payment totals in Chromium'), () => {
  let t: TestGateway;
  let browser: Browser;
  let page: Page;
  let app: string;
  const errors: string[] = [];

  beforeAll(async () => {
    ensurePanelBuilt();
    t = await startPgliteGateway();
    app = await t.api.appToken();
    const till = await t.api.tillToken(0);
    const probe = (await t.api.createOrder(till, { order_ref: 'probe', wallet: 'pix', amount: 1 })).body;
    const tills = t.demo.tills.map((x) => x.id);
    // 1 May 00:00 in São Paulo
    await replaceSales(
      t.gateway.deps.knex,
      { stores: [probe.store_id], tills: [tills] },
      new Date('2026-05-01T03:00:00Z'),
      aMonthOfSales(),
    );
    browser = await launchChromium();
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await logInPanel(page, t.url, { email: t.demo.panel_email, password: t.demo.panel_password });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('draws the month per day stacked by wallet, with its totals and its three downloads', async () => {
    // The page shows the header's store: the demo merchant's one store, which holds every sale.
    const api = (
      await t.api.call<DailyReport>('GET', `/v1/reports/daily?month=2026-05&store_id=${DEMO_STORE}`, { token: app })
    ).body;
    await page.click('[data-testid=nav-reports]');
    await page.waitForSelector('[data-testid=reports]');
    await page.fill('[data-testid=report-month]', '2026-05');
    await page.waitForSelector(`[data-testid=report-totals][data-net="${api.totals.net}"]`);
    expect(await page.locator('[data-testid=chart-day]').count()).toBe(31);
    expect(await page.getAttribute('[data-testid=chart-day][data-date="2026-05-11"]', 'data-net')).toBe('0');
    const legend = await page
      .locator('[data-testid=chart-legend]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-wallet')));
    expect(legend).toEqual(['pix', 'mercadopago', 'picpay', 'pagbank']);
    for (const day of api.days.filter((d) => d.net !== 0).slice(0, 5))
      expect(await page.getAttribute(`[data-testid=chart-day][data-date="${day.date}"]`, 'data-net')).toBe(
        String(day.net),
      );
    await page.locator('[data-testid=report-month]').blur();
    await saveScreenshot(page, 'panel-daily-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=report-download-xlsx]'),
    ]);
    expect(download.suggestedFilename()).toBe(`diario-${DEMO_STORE}-2026-05.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync((await download.path()) as string)).buffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(33);
    expect(Math.round((sheet.getRow(33).getCell(6).value as number) * 100)).toBe(api.totals.net);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-download-csv]')]);
    expect(csv.suggestedFilename()).toBe(`diario-${DEMO_STORE}-2026-05.csv`);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-download-json]')]);
    expect(JSON.parse(readFileSync((await json.path()) as string, 'utf8'))).toEqual(api);
    expect(errors).toEqual([]);
  });

  it('shows the totals of the current filters above the payments and follows filters and live arrivals', async () => {
    const summary = async (q = '') =>
      (await t.api.call<OrderSummary>('GET', `/v1/orders/summary?${q}`, { token: app })).body;
    await page.click('[data-testid=nav-payments]');
    const all = await summary();
    await page.waitForSelector(`[data-testid=payment-totals][data-net="${all.net_amount}"]`);
    expect(await page.textContent('[data-testid=totals-count]')).toBe(String(all.count));

    await page.selectOption('[data-testid=filter-wallet]', 'picpay');
    await page.click('[data-testid=filter-apply]');
    const picpay = await summary('wallet=picpay');
    await page.waitForSelector(`[data-testid=payment-totals][data-net="${picpay.net_amount}"]`);
    await saveScreenshot(page, 'panel-payments-totals');

    const till = await t.api.tillToken(0);
    const order = (await t.api.createOrder(till, { order_ref: ref('LIVE'), wallet: 'picpay', amount: 4321 })).body;
    await t.api.pay(till, order.id);
    await page.waitForSelector(`[data-testid=payment-totals][data-net="${picpay.net_amount + 4321}"]`);
    expect(errors).toEqual([]);
  });
});
