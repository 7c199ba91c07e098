import type { Page } from 'playwright-core';
import { readPage } from '../../functions/data/pagination';
import { getUser } from '../../functions/data/users';
import { byOwner } from '../../functions/data/wishes';
import { startFakeWechat, type FakeWechat } from '../../scripts/fake-wechat';
import { openTab, screenshot, signIn } from '../helpers/browser';
import { addResidents } from '../helpers/people';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';
import { submit, CLUTTER } from '../helpers/wishes';

useDemoTable();

/** The H5 build in Chromium against serverless-offline, when answers are wrong, slow or doubled, and for a newcomer. */
describe('the mini-program holds up', () => {
  let wechat: FakeWechat;
  const stack = useBrowserStack(async () => {
    wechat = await startFakeWechat({ appId: 'wx-e2e', secret: 'e2e-secret', mode: 'open' });
    return { env: { WECHAT_APP_ID: 'wx-e2e', WECHAT_APP_SECRET: 'e2e-secret', WECHAT_API_BASE: wechat.baseUrl } };
  });
  const context = stack.context;

  afterAll(async () => {
    await wechat?.close();
  });

  const myWishCards = (page: Page) => page.locator('.my-wishes .wish-card');

  test('an answer of the wrong shape is shown as an error with a retry, never rendered', async () => {
    const [resident] = await addResidents(1, 'e2e-shape');
    await submit({ ...CLUTTER, description: '楼道灯不亮,晚上看不见' }, resident);
    const page = await signIn(await context(), stack.web, resident);
    let broken = 0;
    await page.route('**/wishes?scope=mine*', async (route) => {
      if (broken++ > 0) return route.continue();
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: 'not a list', cursor: 7 }) });
    });
    await openTab(page, '我的');
    await page.locator('.my-wishes .load-error').filter({ hasText: '收到的数据有误' }).waitFor();
    expect(await myWishCards(page).count()).toBe(0);
    await screenshot(page, 'robust-1-wrong-shape');
    await page.locator('.my-wishes .retry').click();
    await myWishCards(page).filter({ hasText: '楼道灯不亮' }).waitFor();
    expect(broken).toBeGreaterThanOrEqual(2);
  });

  test('a double tap on 加载更多 appends the next page once', async () => {
    const [resident] = await addResidents(1, 'e2e-more');
    for (let i = 0; i < 55; i++)
      await submit({ ...CLUTTER, description: `第${String(i).padStart(2, '0')}件小事,楼道里堆了杂物` }, resident);
    const page = await signIn(await context(), stack.web, resident);
    await openTab(page, '我的');
    await myWishCards(page).nth(49).waitFor();
    // The second page answers slowly, so the second tap lands while the first is in flight.
    await page.route('**/wishes?scope=mine&cursor=*', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.locator('.my-wishes .load-more').dblclick();
    await myWishCards(page).nth(54).waitFor();
    await page.waitForTimeout(1500);
    const texts = await myWishCards(page).locator('.text').allInnerTexts();
    expect(texts).toHaveLength(55);
    expect(new Set(texts).size).toBe(55);
    expect(await page.locator('.my-wishes .load-more').count()).toBe(0);
  });

  test('a new resident registers through the WeChat stand-in, says where they live, and posts a first wish', async () => {
    const page = await (await context()).newPage();
    await page.goto(`${stack.web}/#/pages/login/index`);
    await page.locator('.sign-up').click();
    await page.locator('.title').filter({ hasText: '欢迎加入邻里' }).waitFor();
    await page.locator('.profile-name input').fill('新来的陈阿姨');
    for (const id of ['st-beidajie', 'c-gucheng', 'g-gucheng-1', 'b-gc-2'])
      await page.locator(`.place-choice[data-place-id="${id}"]:visible`).click();
    await page.locator('.profile-flat input').fill('3单元502');
    await page.locator('.profile-phone input').fill('13966667777');
    await page.locator('.save-profile').click();
    await page.locator('.page .title:visible').filter({ hasText: '新来的陈阿姨' }).waitFor();
    await screenshot(page, 'robust-3-registered');

    await openTab(page, '许愿');
    await page.locator('.category[data-category="cat-electric"]:visible').click();
    await page.locator('.description textarea:visible').fill('家里插座冒火花,不敢用了');
    await page.locator('.building-chosen:visible').filter({ hasText: '2号楼' }).waitFor();
    await page.locator('.submit-wish:visible').click();
    await page.locator('.wish-status').filter({ hasText: '待分派' }).waitFor();
    await page.locator('.timeline-item').filter({ hasText: '待网格员核实' }).waitFor();
    await screenshot(page, 'robust-3-first-wish');

    const sessionUser = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.user') ?? '{}').data?.id as string);
    const stored = await getUser(sessionUser);
    expect(stored).toMatchObject({
      name: '新来的陈阿姨',
      onboarded: true,
      verified: false,
      phone: '13966667777',
      home: { buildingId: 'b-gc-2', flat: '3单元502' },
    });
    const wishes = (await readPage([byOwner(sessionUser)], undefined, 50)).items;
    expect(wishes.map((w) => [w.description, w.status, w.ownerVerified])).toEqual([['家里插座冒火花,不敢用了', 'submitted', false]]);
  });
});
