import { Tillgate } from '@tillgate/sdk';
import type { Order } from '@tillgate/sdk/protocol';
import { backends, type Storage } from '@tillgate/test/support/backends';
import {
  ensurePanelBuilt,
  inBrowser,
  launchChromium,
  noBrowser,
  openStoreInPanel,
  saveScreenshot,
} from '@tillgate/test/support/browser';
import { startTestGateway, type TestGateway, WallClock } from '@tillgate/test/support/gateway';
import { PanelSession } from '@tillgate/test/support/panel';
import { redisProblem, SHARED_REDIS_URL } from '@tillgate/test/support/redis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const postgres = (await backends()).find((b) => b.name === 'postgres');
const unavailable = postgres?.unavailable ?? (await redisProblem());

const ADMIN = { email: 'dona@padaria-journey.example', password: 'uma senha bem longa' };
const MANAGER = { email: 'gerente@padaria-journey.example', password: 'senha do gerente' };
const CLERK = { email: 'caixa@padaria-journey.example', password: 'senha da caixa 1' };

/**
 * The merchant's whole first day, in Chromium against a gateway on PostgreSQL + Redis: sign up, activate,
 * set up a store and a till, take the keys to a POS (the SDK), see its payment land on the board, find it,
 * and let a manager refund it while a clerk may not.
 */
describe.skipIf(unavailable || noBrowser)(
  inBrowser('the merchant panel journey in Chromium (PostgreSQL + Redis)'),
  () => {
    let storage: Storage;
    let t: TestGateway;
    let browser: Browser;
    let admin: Page;
    const errors: string[] = [];
    let storeId: string;
    let keys: { accessKey: string; secretKey: string; clientId: string };
    let order: Order;

    beforeAll(async () => {
      ensurePanelBuilt();
      storage = await (postgres as NonNullable<typeof postgres>).create();
      t = await startTestGateway(storage, { clock: new WallClock(), redisUrl: SHARED_REDIS_URL });
      browser = await launchChromium();
      admin = await newPage(await browser.newContext());
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
      await storage?.drop();
    });

    async function newPage(context: BrowserContext): Promise<Page> {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      page.on('pageerror', (err) => errors.push(err.message));
      return page;
    }

    const go = (page: Page, hash: string) => page.goto(`${t.url}/${hash}`);

    /** The newest link of this kind in the local outbox to this address, as the outbox page shows it. */
    async function outboxLink(page: Page, to: string, kind: 'activate' | 'invite'): Promise<string> {
      await go(page, '#/outbox');
      const mail = page.locator('[data-testid=outbox-mail]', { hasText: to }).first();
      await mail.waitFor();
      return (await mail.locator(`[data-testid=outbox-link][href*="#/${kind}?token="]`).getAttribute('href')) as string;
    }

    async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
      await go(page, '#/login');
      await page.fill('[data-testid=login-email]', who.email);
      await page.fill('[data-testid=login-password]', who.password);
      await page.click('[data-testid=login-submit]');
      await page.waitForSelector('[data-testid=shell]');
    }

    /** Invites from the team screen, then accepts from the outbox in a browser of the invitee's own. */
    async function invite(role: 'manager' | 'clerk', who: { email: string; password: string }): Promise<Page> {
      await go(admin, '#/team');
      await admin.click('[data-testid=team-invite]');
      await admin.fill('[data-testid=member-email]', who.email);
      await admin.selectOption('[data-testid=member-role]', role);
      await admin.click('[data-testid=member-save]');
      await admin.waitForSelector(`[data-testid=team-row][data-email="${who.email}"]`);

      const page = await newPage(await browser.newContext());
      await page.goto(await outboxLink(page, who.email, 'invite'));
      await page.fill('[data-testid=invite-name]', role === 'manager' ? 'Gerente' : 'Caixa');
      await page.fill('[data-testid=invite-password]', who.password);
      await page.click('[data-testid=invite-submit]');
      await page.waitForSelector('[data-testid=board]');
      expect(await page.textContent('[data-testid=user-role]')).toBe(
        role === 'manager' ? 'Gerente' : 'Operador de caixa',
      );
      return page;
    }

    it('signs up with a valid CNPJ and activates from the outbox page', async () => {
      await go(admin, '#/signup');
      await admin.fill('[data-testid=signup-merchant]', 'Padaria Jornada');
      await admin.fill('[data-testid=signup-cnpj]', '11222333000181');
      await admin.fill('[data-testid=signup-name]', 'Dona Maria');
      await admin.fill('[data-testid=signup-email]', ADMIN.email);
      await admin.fill('[data-testid=signup-password]', ADMIN.password);
      await saveScreenshot(admin, 'panel-journey-01-signup');
      await admin.click('[data-testid=signup-submit]');
      await admin.waitForSelector('[data-testid=signup-done]');

      const link = await outboxLink(admin, ADMIN.email, 'activate');
      await saveScreenshot(admin, 'panel-journey-02-outbox');
      await admin.goto(link);
      await admin.waitForSelector('[data-testid=activate-done]');
      await logIn(admin, ADMIN);
      expect(await admin.textContent('[data-testid=merchant-name]')).toBe('Padaria Jornada');
    });

    it('creates a store and a till, and shows the store secret once', async () => {
      storeId = await openStoreInPanel(admin, t.url, 'Loja Centro');

      await go(admin, `#/tills?store=${storeId}`);
      await admin.click('[data-testid=till-new]');
      await admin.fill('[data-testid=till-name]', 'Caixa 1');
      await admin.click('[data-testid=till-save]');
      const clientId = (await admin
        .locator('[data-testid=till-row]', { hasText: 'Caixa 1' })
        .locator('[data-testid=till-client-id]')
        .textContent()) as string;

      await go(admin, '#/credentials');
      await admin.waitForSelector('[data-testid=store-credentials]');
      await admin.click('[data-testid=rotate-credentials]');
      await admin.click('[data-testid=confirm-ok]');
      const secretKey = (await admin.textContent('[data-testid=new-secret-key]')) as string;
      const accessKey = (await admin.textContent('[data-testid=new-access-key]')) as string;
      await saveScreenshot(admin, 'panel-journey-03-credentials-secret-once');
      await admin.click('[data-testid=secret-done]');
      await admin.waitForSelector('[data-testid=new-secret-key]', { state: 'detached' });
      expect(await admin.textContent('[data-testid=access-key]')).toBe(accessKey);
      expect(await admin.locator('[data-testid=store-credentials]').textContent()).not.toContain(secretKey);
      // A PDV that speaks Shipay's API takes the same keys at the compatible base URL shown beside them.
      expect(await admin.textContent('[data-testid=shipay-base-url] code')).toBe(`${t.url}/compat/shipay`);
      keys = { accessKey, secretKey, clientId };
    });

    it('offers a sandbox wallet to the store from the providers screen', async () => {
      await go(admin, '#/providers');
      await admin.click('[data-testid=provider-add-wallet]');
      await admin.selectOption('[data-testid=provider-provider]', 'picpay');
      await admin.fill('[data-testid=provider-name]', 'PicPay da padaria');
      await admin.click('[data-testid=provider-save]');
      const account = admin.locator('[data-testid=provider-account]', { hasText: 'PicPay da padaria' });
      await account.locator('[data-testid=provider-associate]').click();
      await admin.selectOption('[data-testid=associate-store]', storeId);
      await admin.click('[data-testid=associate-save]');
      await account.locator('[data-testid=association]').waitFor();
    });

    it('turns the till tile to paid within a second of the sandbox paying the POS order', async () => {
      await go(admin, '#/board');
      const tile = admin.locator('[data-testid=till-tile]', { hasText: 'Caixa 1' });
      await tile.waitFor();
      await admin.waitForSelector('[data-testid=link-state][data-state=live]');

      const pos = new Tillgate({ baseUrl: t.url, auth: keys });
      order = await pos.orders.create({ order_ref: 'JORNADA-1', wallet: 'picpay', amount: 1990 });
      await tile.and(admin.locator('[data-status=pending]')).waitFor();
      // The moment the tile shows Pago, taken in the page, on the machine's own clock like the pay call's return.
      await tile.evaluate(
        (el) =>
          new Promise<void>((ready) => {
            new MutationObserver((_, observer) => {
              if (el.getAttribute('data-status') !== 'approved') return;
              (window as unknown as { paidAt: number }).paidAt = Date.now();
              observer.disconnect();
            }).observe(el, { attributes: true, attributeFilter: ['data-status'] });
            ready();
          }),
      );
      await pos.sandbox.pay(order.id);
      const paidReturned = Date.now();
      const paidShown = (await (
        await admin.waitForFunction(() => (window as unknown as { paidAt?: number }).paidAt)
      ).jsonValue()) as number;
      // Negative when the event reached the browser before the pay call's answer reached the POS.
      const latency = paidShown - paidReturned;
      console.info(`board tile turned Pago ${latency} ms after the sandbox pay call returned`);
      expect(latency).toBeLessThan(1000);
      expect(await tile.locator('[data-testid=status]').textContent()).toBe('Pago');
      await admin.locator('[data-testid=feed-row]', { hasText: 'JORNADA-1' }).waitFor();
      await saveScreenshot(admin, 'panel-journey-04-board-paid');
    });

    it('finds the payment by amount range and status', async () => {
      await go(admin, '#/payments');
      await admin.fill('[data-testid=filter-amount-min]', '19,00');
      await admin.fill('[data-testid=filter-amount-max]', '20,00');
      await admin.selectOption('[data-testid=filter-status]', 'approved');
      await admin.click('[data-testid=filter-apply]');
      const row = admin.locator(`[data-testid=payment-row][data-order-id="${order.id}"]`);
      await row.waitFor();
      expect(await admin.locator('[data-testid=payment-row]').count()).toBe(1);
      await saveScreenshot(admin, 'panel-journey-05-payments-filtered');

      await admin.fill('[data-testid=filter-amount-min]', '20,00');
      await admin.fill('[data-testid=filter-amount-max]', '');
      await admin.click('[data-testid=filter-apply]');
      await admin.waitForSelector('[data-testid=payments-empty]');
    });

    it('lets an invited manager refund part of it, stating the amount before doing so', async () => {
      const manager = await invite('manager', MANAGER);
      await go(admin, '#/team');
      await admin.waitForSelector(`[data-testid=team-row][data-email="${MANAGER.email}"]`);
      await saveScreenshot(admin, 'panel-journey-06-team');

      await go(manager, `#/orders/${order.id}`);
      await manager.click('[data-testid=order-refund]');
      await manager.check('[data-testid=refund-partial]');
      await manager.fill('[data-testid=refund-amount]', '5,00');
      await manager.click('[data-testid=refund-next]');
      expect(await manager.textContent('[data-testid=refund-confirm-text]')).toContain('R$\u00a05,00');
      await saveScreenshot(manager, 'panel-journey-07-order-refund-dialog');
      await manager.click('[data-testid=refund-confirm]');
      await manager.waitForSelector('[data-testid=order-page] [data-testid=status][data-status=partially_refunded]');
      await manager.locator('[data-testid=refund-row]').waitFor();
      expect(await manager.textContent('[data-testid=order-refunded]')).toContain('5,00');
      await manager.context().close();
    });

    it('keeps refunds from a clerk: no button on the order page, and the API answers 403', async () => {
      const clerk = await invite('clerk', CLERK);
      await go(clerk, `#/orders/${order.id}`);
      await clerk.waitForSelector('[data-testid=order-page] [data-testid=status][data-status=partially_refunded]');
      expect(await clerk.locator('[data-testid=order-refund]').count()).toBe(0);
      await saveScreenshot(clerk, 'panel-journey-08-clerk-order');

      const session = await PanelSession.logIn(t.api, CLERK.email, CLERK.password);
      const refused = await session.call('POST', `/v1/orders/${order.id}/refunds`, {
        body: { amount: 100 },
        headers: { 'idempotency-key': 'clerk-refund-attempt' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'forbidden' });
      await clerk.context().close();
      expect(errors).toEqual([]);
    });
  },
);
