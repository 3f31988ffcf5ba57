import { demoUserPage, inBrowser, noBrowser, saveScreenshot, suitePanel } from '@tillgate/test/support/browser';
import type { TestGateway } from '@tillgate/test/support/gateway';
import { PanelSession } from '@tillgate/test/support/panel';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/** Where each row's cell of actions and its buttons sit, in page pixels. */
const rowBoxes = (page: Page, row: string, buttons: string[]) =>
  page.$$eval(
    `[data-testid=${row}]`,
    (rows, testids) =>
      rows.map((tr) => {
        const box = (el: Element | null) => el?.getBoundingClientRect();
        const cell = box(tr.querySelector('td.row-actions'));
        const line = box(tr);
        return {
          cellLeft: cell?.left,
          // A cell of the table's grid is as tall as its row.
          fillsRow: cell !== undefined && line !== undefined && Math.abs(cell.height - line.height) < 1.5,
          buttons: testids.map((id) => box(tr.querySelector(`[data-testid=${id}]`))?.left),
        };
      }),
    buttons,
  );

describe.skipIf(noBrowser)(inBrowser('the lists of Lojas and Caixas in Chromium'), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({}, (suite) => {
    ({ t, browser } = suite);
  });

  it('lines the action buttons of every row up in one column, active or not', async () => {
    const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    const store = await admin.call<{ id: string }>('POST', '/v1/stores', { body: { name: 'Filial Centro' } });
    expect(store.status).toBe(201);
    // "Reativar" and "Desativar" differ in width: rows of both kinds show whether the buttons drift.
    expect((await admin.call('PATCH', `/v1/stores/${store.body.id}`, { body: { active: false } })).status).toBe(200);
    const till = t.demo.tills[1]?.id;
    expect((await admin.call('PATCH', `/v1/tills/${till}`, { body: { active: false } })).status).toBe(200);

    const errors: string[] = [];
    const page = await demoUserPage(browser, t, 'admin', errors, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${t.url}/#/stores`);
    await page.locator('[data-testid=stores] .toolbar input[type=checkbox]').check();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=store-row]').length === 2);
    const stores = await rowBoxes(page, 'store-row', ['store-edit', 'store-toggle']);
    await saveScreenshot(page, 'panel-stores-actions');

    await page.goto(`${t.url}/#/tills`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=till-row]').length === 2);
    const tills = await rowBoxes(page, 'till-row', ['till-edit', 'till-toggle']);
    await saveScreenshot(page, 'panel-tills-actions');

    for (const rows of [stores, tills]) {
      expect(rows.every((r) => r.fillsRow)).toBe(true);
      expect(new Set(rows.map((r) => r.cellLeft)).size).toBe(1);
      for (const i of [0, 1]) expect(new Set(rows.map((r) => r.buttons[i])).size).toBe(1);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the inactive stores shown when the list without them answers last', async () => {
    const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    const store = await admin.call<{ id: string }>('POST', '/v1/stores', { body: { name: 'Filial Lenta' } });
    expect((await admin.call('PATCH', `/v1/stores/${store.body.id}`, { body: { active: false } })).status).toBe(200);
    const all = await admin.call<{ data: unknown[] }>('GET', '/v1/stores?include_inactive=true&limit=100');

    const errors: string[] = [];
    const page = await demoUserPage(browser, t, 'admin', errors);
    // The list the screen asks for first, active stores only, answers after the one the checkbox asks for.
    let delayed = 0;
    await page.route(
      (url) => url.pathname === '/v1/stores' && !url.searchParams.has('include_inactive'),
      async (route) => {
        delayed++;
        await new Promise((r) => setTimeout(r, 1_000));
        await route.continue();
      },
    );
    await page.goto(`${t.url}/#/stores`);
    await page.locator('[data-testid=stores] .toolbar input[type=checkbox]').check();
    const rows = page.locator('[data-testid=store-row]');
    await expect.poll(() => rows.count()).toBe(all.body.data.length);
    await page.waitForTimeout(1_500);
    expect(delayed).toBeGreaterThan(0);
    expect(await rows.count()).toBe(all.body.data.length);
    expect(await page.locator(`[data-store-id=${store.body.id}]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
