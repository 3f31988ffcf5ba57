import {
  demoUserPage,
  inBrowser,
  noBrowser,
  openStoreInPanel,
  saveScreenshot,
  suitePanel,
} from '@tillgate/test/support/browser';
import { type TestGateway, WallClock } from '@tillgate/test/support/gateway';
import { offerWallet, rotate, tillTokens } from '@tillgate/test/support/management';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

const DEMO_STORE = 'sto_DEMO0000000000000000000000';

/** What a clerk and a manager do every day: filter payments and come back to them, land on their own store, open the board. */
describe.skipIf(noBrowser)(inBrowser('the panel in everyday use, in Chromium'), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({ clock: new WallClock() }, (suite) => {
    ({ t, browser } = suite);
  });
  let manager: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const token = await t.api.tillToken(0);
    for (const [i, amount] of [500, 1990, 4590, 12000, 2500].entries()) {
      const order = await t.api.createOrder(token, { order_ref: `PDV-DIA-${i}`, wallet: 'pix', amount });
      if (i !== 3) await t.api.pay(token, order.body.id);
    }
    manager = await demoUserPage(browser, t, 'manager', errors, { viewport: { width: 1280, height: 800 } });
  });

  const refs = (page: Page) =>
    page.$$eval('[data-testid=payment-row] [data-testid=payment-link]', (links) => links.map((a) => a.textContent));

  it('keeps the payment filters in the address: Back and reload bring the same list and fields back', async () => {
    await manager.goto(`${t.url}/#/payments`);
    await manager.waitForSelector('[data-testid=payment-row]');
    await manager.fill('[data-testid=filter-amount-min]', '19,90');
    await manager.selectOption('[data-testid=filter-status]', 'approved');
    await manager.selectOption('[data-testid=filter-wallet]', 'pix');
    await manager.click('[data-testid=filter-apply]');
    await manager.waitForURL(/amount_min=1990/);
    expect(new URL(manager.url()).hash).toBe('#/payments?amount_min=1990&status=approved&wallet=pix');
    await manager.waitForFunction(() => document.querySelectorAll('[data-testid=payment-row]').length === 3);
    const filtered = await refs(manager);
    expect(filtered.sort()).toEqual(['PDV-DIA-1', 'PDV-DIA-2', 'PDV-DIA-4']);

    const check = async () => {
      await manager.waitForFunction(() => document.querySelectorAll('[data-testid=payment-row]').length === 3);
      expect((await refs(manager)).sort()).toEqual(filtered.sort());
      expect(await manager.inputValue('[data-testid=filter-amount-min]')).toBe('19,90');
      expect(await manager.inputValue('[data-testid=filter-status]')).toBe('approved');
      expect(await manager.inputValue('[data-testid=filter-wallet]')).toBe('pix');
    };
    await manager.click('[data-testid=payment-link]');
    await manager.waitForSelector('[data-testid=order-details]');
    await manager.goBack();
    await check();
    await manager.reload();
    await check();
    await saveScreenshot(manager, 'panel-everyday-payments-filtered');
  });

  it('says an amount range is inverted instead of finding nothing', async () => {
    await manager.goto(`${t.url}/#/payments?amount_min=5000&amount_max=100`);
    await manager.waitForSelector('[data-testid=payments-empty]');
    expect(await manager.textContent('[data-testid=payments-empty]')).toBe('O valor mínimo está acima do máximo.');
    await manager.fill('[data-testid=filter-amount-max]', '1,00');
    await manager.click('[data-testid=filter-apply]');
    const error = manager.locator('[data-testid=filter-amount-max]').locator('xpath=..').locator('.field-error');
    expect(await error.textContent()).toBe('O valor mínimo está acima do máximo.');
  });

  let newStore: string;

  it('keeps a clerk on her store after an admin opens a new one, and shows its whole name', async () => {
    const clerk = await demoUserPage(browser, t, 'clerk', errors, { viewport: { width: 1280, height: 800 } });
    await clerk.waitForSelector(`[data-testid=board][data-store-id=${DEMO_STORE}]`);
    const admin = await demoUserPage(browser, t, 'admin', errors, { viewport: { width: 1280, height: 800 } });
    newStore = await openStoreInPanel(admin, t.url, 'AAA Loja Nova');
    await admin.context().close();
    await clerk.reload();
    await clerk.waitForSelector('[data-testid=till-tile]');
    expect(await clerk.getAttribute('[data-testid=board]', 'data-store-id')).toBe(DEMO_STORE);
    // The whole name fits its picker.
    expect(await clerk.$eval('[data-testid=store-picker]', (s) => s.scrollWidth <= s.clientWidth)).toBe(true);
    await clerk.context().close();

    // A clerk who never chose (a new computer) starts at the oldest store, not the newest.
    const fresh = await demoUserPage(browser, t, 'clerk', errors, { viewport: { width: 390, height: 844 } });
    await fresh.waitForSelector(`[data-testid=board][data-store-id=${DEMO_STORE}]`);
    await fresh.context().close();
  });

  it('filters Pagamentos by the header\'s store, and shows every store\'s payments with "Todas as lojas"', async () => {
    // A sale in the new store, beside the demo store's.
    const app = await t.api.appToken();
    const till = await t.api.call<{ client_id: string }>('POST', '/v1/tills', {
      token: app,
      body: { store_id: newStore, name: 'Caixa Nova', category: 'physical' },
    });
    expect(till.status).toBe(201);
    const keys = await rotate(t.api, app, newStore);
    const { access } = await tillTokens(t.api, { ...keys, clientId: till.body.client_id });
    await offerWallet(t.api, app, newStore);
    const sale = await t.api.createOrder(access, { order_ref: 'PDV-NOVA-1', wallet: 'picpay', amount: 3300 });
    await t.api.pay(access, sale.body.id);

    const clerk = await demoUserPage(browser, t, 'clerk', errors, { viewport: { width: 1280, height: 800 } });
    await clerk.waitForSelector(`[data-testid=board][data-store-id=${DEMO_STORE}]`);
    // Pagamentos opens on the header's store, which the address names.
    await clerk.click('[data-testid=nav-payments]');
    await clerk.waitForURL(new RegExp(`store_id=${DEMO_STORE}`));
    await clerk.waitForSelector('[data-testid=payment-row]');
    const demoStore = await refs(clerk);
    expect(demoStore).toEqual(expect.arrayContaining(['PDV-DIA-0', 'PDV-DIA-4']));
    expect(demoStore).not.toContain('PDV-NOVA-1');

    await clerk.selectOption('[data-testid=store-picker]', newStore);
    await clerk.waitForURL(new RegExp(`store_id=${newStore}`));
    await clerk.waitForFunction(() => document.querySelectorAll('[data-testid=payment-row]').length === 1);
    expect(await refs(clerk)).toEqual(['PDV-NOVA-1']);

    await clerk.selectOption('[data-testid=store-picker]', 'all');
    await clerk.waitForURL((url) => !url.hash.includes('store_id'));
    await clerk.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=payment-row]').length === n,
      demoStore.length + 1,
    );
    expect((await refs(clerk)).sort()).toEqual([...demoStore, 'PDV-NOVA-1'].sort());
    expect(await clerk.textContent('[data-testid=payments] h1')).toBe('Pagamentos · Todas as lojas');
    await saveScreenshot(clerk, 'panel-everyday-payments-all-stores');

    // The board needs one store: it says so, and shows the one she chose last.
    await clerk.click('[data-testid=nav-board]');
    await clerk.waitForSelector(`[data-testid=board][data-store-id=${newStore}]`);
    expect(await clerk.textContent('[data-testid=one-store-note]')).toContain('AAA Loja Nova');
    expect(await clerk.locator('[data-testid=store-picker] option[value=all]').count()).toBe(0);
    await clerk.context().close();
  });

  it('shows the till tiles within 300 ms of opening the board', async () => {
    const page = await demoUserPage(browser, t, 'manager', errors, { viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const w = window as unknown as { tilesAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid=till-tile]')) return;
        w.tilesAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    // A returning user: one unmeasured visit lets the shell remember the store (it does once the stores arrive),
    // which the early board read needs; a measured visit before that would race the log-in's own page.
    await page.goto(`${t.url}/#/board`);
    await page.waitForSelector('[data-testid=till-tile]');
    // From the page's arrival (its HTML answered) to the first tile: the panel's own startup, best of five visits.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      // A new document each time (the query differs), as when the panel is opened.
      await page.goto(`${t.url}/?visit=${i}#/board`);
      await page.waitForSelector('[data-testid=till-tile]');
      const visit = await page.evaluate(() => {
        const arrived = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd;
        const reads = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) =>
          e.name.includes('/v1/'),
        );
        const started = (path: string) => reads.find((e) => e.name.includes(path))?.startTime ?? Number.NaN;
        const session = reads.find((e) => e.name.includes('/v1/panel/session'));
        return {
          toTiles: (window as unknown as { tilesAt: number }).tilesAt - arrived,
          // The stores and the board are asked for before the session has answered, not after it.
          parallel:
            started('/v1/stores') < (session?.responseEnd ?? 0) && started('/v1/board') < (session?.responseEnd ?? 0),
          // Once: the live subscription starts from the board's seq instead of reading it again.
          boardReads: reads.filter((e) => e.name.includes('/v1/board')).length,
        };
      });
      expect(visit.parallel).toBe(true);
      expect(visit.boardReads).toBe(1);
      times.push(visit.toTiles);
    }
    console.info(
      `time to tiles, best of five: ${Math.round(Math.min(...times))} ms (${times.map(Math.round).join(', ')})`,
    );
    expect(Math.min(...times)).toBeLessThan(300);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
