import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(__dirname, '../../.artifacts/e2e');

/** Debian's Chromium, with the flags that work as root on these machines (STACK.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized context, as a resident holds it. */
export const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in as a demo account on the sign-in page, as a person would, and waits for the home page. */
export async function signIn(context: BrowserContext, web: string, userId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${web}/#/pages/login/index`);
  await page.locator(`.demo-user[data-user-id="${userId}"]`).click();
  await page.waitForURL(/pages\/home\/index/);
  return page;
}
