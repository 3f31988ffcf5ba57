import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '@tillgate/sdk/protocol';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { pglite } from './backends.js';
import { suiteGateway, type TestGateway, type TestGatewayOptions } from './gateway.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the browser suites cannot run here, if they cannot: they skip on a machine without Chromium, as the
 * PostgreSQL suites do without PostgreSQL, unless TILLGATE_REQUIRE_SERVICES=1 (CI), which makes them fail.
 */
export const noBrowser: string | undefined = (() => {
  if (existsSync(CHROMIUM)) return undefined;
  const problem = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.TILLGATE_REQUIRE_SERVICES === '1')
    throw new Error(`${problem}; TILLGATE_REQUIRE_SERVICES=1 needs it`);
  return problem;
})();

/** A suite's name, saying why it skips when there is no browser. */
export const inBrowser = (name: string): string => (noBrowser ? `${name} (skipped: ${noBrowser})` : name);

/** Debian's Chromium with the flags FIELD-NOTES lists; Playwright gives it a fresh profile each launch. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where browser suites keep what a person should look at afterwards (screenshots): `TILLGATE_TEST_OUTPUT` or `test/output`. */
export function testOutputDir(): string {
  const dir = process.env.TILLGATE_TEST_OUTPUT ?? join(ROOT, 'test', 'output');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(testOutputDir(), `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The gateway serves the panel from its build; `pnpm test` builds it first, a lone suite builds it if missing. */
export function ensurePanelBuilt(): void {
  if (existsSync(join(ROOT, 'gateway', 'web', 'dist', 'index.html'))) return;
  execFileSync('pnpm', ['--filter', '@tillgate/web', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** Logs a panel user in on `page`, at the gateway at `url`, and waits for the shell. */
export async function logInPanel(page: Page, url: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.fill('[data-testid=login-email]', user.email);
  await page.fill('[data-testid=login-password]', user.password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=shell]');
}

/** An admin opens a store in the panel (Lojas → Nova loja); its id, as its row shows it. */
export async function openStoreInPanel(page: Page, url: string, name: string): Promise<string> {
  await page.goto(`${url}/#/stores`);
  await page.click('[data-testid=store-new]');
  await page.fill('[data-testid=store-name]', name);
  await page.click('[data-testid=store-save]');
  const row = page.locator('[data-testid=store-row]', { hasText: name });
  const storeId = (await row.getAttribute('data-store-id')) as string;
  expect(storeId).toMatch(/^sto_/);
  return storeId;
}

/** A fresh browser context logged in to the panel as the demo user of this role; the page's errors go to `errors`. */
export async function demoUserPage(
  browser: Browser,
  t: Pick<TestGateway, 'url' | 'demo'>,
  role: Role,
  errors: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const who = t.demo.panel_users.find((u) => u.role === role);
  if (!who) throw new Error(`no demo ${role}`);
  const page = await (await browser.newContext(options)).newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  await logInPanel(page, t.url, { email: who.email, password: t.demo.panel_password });
  return page;
}

/** Asks the gateway, from the page's session, to switch it to this environment; answers its status and code. */
export function requestEnvironment(
  page: Page,
  environment: 'test' | 'live',
): Promise<{ status: number; code?: string }> {
  return page.evaluate(async (environment) => {
    const session = await (await fetch('/v1/panel/session')).json();
    const r = await fetch('/v1/panel/session/environment', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
      body: JSON.stringify({ environment }),
    });
    const body = await r.json();
    return { status: r.status, ...(typeof body.code === 'string' ? { code: body.code } : {}) };
  }, environment);
}

/**
 * A panel suite's gateway, on a fresh PGlite directory, and its Chromium, for a whole describe block: the
 * panel is built first if it is missing; `ready` receives both before the first test, and both are closed
 * after the last.
 */
export function suitePanel(
  options: TestGatewayOptions,
  ready: (suite: { t: TestGateway; browser: Browser }) => void,
): void {
  let t: TestGateway;
  let browser: Browser | undefined;
  beforeAll(ensurePanelBuilt);
  suiteGateway(pglite, options, (suite) => {
    t = suite.t;
  });
  beforeAll(async () => {
    browser = await launchChromium();
    ready({ t, browser });
  });
  afterAll(async () => {
    await browser?.close();
  });
}
