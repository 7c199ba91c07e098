import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(__dirname, '../../.artifacts/e2e');

/** Debian's Chromium, with the flags that work as root on these machines (STACK.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
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
  // The URL changes before the router has finished showing the page: wait for what a person waits for.
  await page.locator('.page .title:visible').filter({ hasText: '您好' }).waitFor();
  await page.locator('.weui-tabbar__item:visible').first().waitFor();
  return page;
}

/** Moves between pages as a person does: the tab bar, then the buttons on the page. */
export async function openTab(page: Page, label: '首页' | '许愿' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__item').filter({ hasText: label }).click();
}

export async function tapButton(page: Page, label: string): Promise<void> {
  await page.locator('.btn:visible').filter({ hasText: label }).first().click();
}

/**
 * Taps a row (a Taro View) on a page with pull-to-refresh. Playwright's own check takes Taro's
 * pull-to-refresh wrapper for an element covering the row, though the row is on top; so this checks
 * what a finger would hit, at the row's centre, and then clicks there.
 */
export async function tapRow(page: Page, selector: string): Promise<void> {
  const row = page.locator(`${selector}:visible`).first();
  await row.scrollIntoViewIfNeeded();
  const box = await row.boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  const onTop = await row.evaluate(
    (el, [x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !!hit && (hit === el || el.contains(hit));
    },
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  if (!onTop) throw new Error(`${selector} is covered by another element`);
  await row.click({ force: true });
}
