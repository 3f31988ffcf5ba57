import type { Role } from '@tillgate/sdk/protocol';
import { demoUserPage, inBrowser, noBrowser, saveScreenshot, suitePanel } from '@tillgate/test/support/browser';
import { type TestGateway, WallClock } from '@tillgate/test/support/gateway';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;
const ROLES: Role[] = ['clerk', 'manager', 'admin'];

/** Resolves once no request of the page has been in flight for two looks in a row: the screen has its data. */
async function settled(page: Page, pending: Set<unknown>): Promise<void> {
  let quiet = 0;
  while (quiet < 2) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30))));
    quiet = pending.size === 0 ? quiet + 1 : 0;
  }
}

/**
 * Every screen a role reaches, on a phone and on a laptop: nothing is wider than the viewport (no sideways
 * scrolling), and each is saved in test/output/ for a person to look at.
 */
describe.skipIf(noBrowser)(inBrowser('the panel fits a phone and a laptop, for every role'), () => {
  let t!: TestGateway, browser!: Browser;
  suitePanel({ clock: new WallClock() }, (suite) => {
    ({ t, browser } = suite);
  });
  let orderId: string;

  beforeAll(async () => {
    const token = await t.api.tillToken(0);
    for (const [i, amount] of [1990, 4590, 12000].entries()) {
      const order = await t.api.createOrder(token, { order_ref: `PDV-FIT-${i}`, wallet: 'pix', amount });
      if (i < 2) await t.api.pay(token, order.body.id);
      orderId = order.body.id;
    }
  });

  for (const viewport of VIEWPORTS)
    for (const role of ROLES)
      it(`${role} on a ${viewport.name} (${viewport.width}×${viewport.height})`, async () => {
        const errors: string[] = [];
        const page = await demoUserPage(browser, t, role, errors, {
          viewport: { width: viewport.width, height: viewport.height },
        });
        const pending = new Set<unknown>();
        page.on('request', (r) => pending.add(r));
        page.on('requestfinished', (r) => pending.delete(r));
        page.on('requestfailed', (r) => pending.delete(r));

        const hrefs = await page.$$eval('[data-testid=nav] a', (links) =>
          links.map((a) => a.getAttribute('href') ?? ''),
        );
        expect(hrefs.length).toBeGreaterThan(1);
        const overflowing: string[] = [];
        for (const hash of [...hrefs, `#/orders/${orderId}`]) {
          await page.evaluate((h) => {
            location.hash = h;
          }, hash);
          await page.waitForSelector('main.content > section, main.content > div');
          await settled(page, pending);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > viewport.width) overflowing.push(`${hash}: ${width}px`);
          const name = hash.replace(/^#\//, '').replace(/[/?].*/, ''); // the screen, without an id or a query
          await saveScreenshot(page, `panel-fit-${viewport.name}-${role}-${name}`);
        }
        if (viewport.name === 'phone') {
          // The header is one line, and its menu opens the navigation and the rest of the header.
          const header = await page.locator('header.topbar').boundingBox();
          expect(header?.height).toBeLessThan(60);
          await page.click('[data-testid=menu-button]');
          await page.waitForSelector('[data-testid=nav] a', { state: 'visible' });
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
          await saveScreenshot(page, `panel-fit-${viewport.name}-${role}-menu`);
        }
        expect(overflowing).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      });
});
