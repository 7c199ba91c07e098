import type { Server } from 'node:http';
import type { Browser, BrowserContext } from 'playwright-core';
import { serveStatic } from '../../scripts/static-server';
import { launchBrowser } from './browser';
import { freePort } from './free-port';
import { apiContext, builtH5 } from './h5';
import { startOffline, type Offline } from './offline';

export interface BrowserStack {
  /** The H5 build's address, once the stack is up. */
  web: string;
  api: Offline;
  /** A fresh browser context talking to this stack's API; closed after each test. */
  context(): Promise<BrowserContext>;
}

/**
 * What every browser test file runs against, registered on the file's hooks: serverless-offline (with
 * `offlineOptions`, awaited first, for a file that starts a stand-in of its own), the H5 build served on a free
 * port, and headless Chromium; each test's contexts are closed after it, the rest after the file.
 */
export function useBrowserStack(offlineOptions: () => Promise<Parameters<typeof startOffline>[0]> = async () => undefined): BrowserStack {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const stack = {
    web: '',
    api: undefined as unknown as Offline,
    async context() {
      const c = await apiContext(browser!, stack.api.baseUrl);
      contexts.push(c);
      return c;
    },
  };
  beforeAll(async () => {
    const options = await offlineOptions();
    const [api, h5] = await Promise.all([startOffline(options), builtH5()]);
    stack.api = api;
    const webPort = await freePort();
    server = await serveStatic(h5, webPort);
    stack.web = `http://127.0.0.1:${webPort}`;
    browser = await launchBrowser();
  }, 300_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await stack.api?.stop();
  });
  return stack;
}
