import type { Page } from 'playwright-core';
import { readPage } from '../../functions/data/pagination';
import { byOwner, getWish } from '../../functions/data/wishes';
import { openTab, screenshot, signIn, tapButton, tapRow } from '../helpers/browser';
import { measureElderRules } from '../helpers/elder-rules';
import { ELDER_PAGES } from './elder-pages';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';
import { step, submit } from '../helpers/wishes';

useDemoTable();

/** The H5 build in headless Chromium, against serverless-offline and DynamoDB Local. */
describe('the mini-program in a browser', () => {
  const stack = useBrowserStack();
  const context = stack.context;
  /** API paths (with their query) asked for more than once, with their counts. */
  const askedMoreThanOnce = (calls: { path: string }[]) =>
    Object.entries(
      calls.reduce<Record<string, number>>((n, c) => {
        n[c.path] = (n[c.path] ?? 0) + 1;
        return n;
      }, {}),
    ).filter(([, n]) => n > 1);
  /** Waits until each path has been answered, then a little longer, so a second request would be seen too. */
  const answered = async (calls: { path: string }[], paths: string[]) => {
    for (let waited = 0; waited < 15_000 && !paths.every((p) => calls.some((c) => c.path === p)); waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_000));
  };
  const ownWishes = async (userId: string) => (await readPage([byOwner(userId)], undefined, 50)).items;

  const DESCRIPTION = '卫生间的灯不亮了,开关一按就跳闸';
  /** Each test brings its own wish, posted through the API, so none depends on another having run. */
  const posted = (description: string) => submit({ description, category: 'cat-electric', buildingId: 'b-gc-3' }, 'u-res-wang');

  test('1. a resident posts a wish, double-tapping submit, and finds exactly one wish in 我的', async () => {
    const page = await signIn(await context(), stack.web, 'u-res-wang');
    await openTab(page, '许愿');
    await page.locator('.category[data-category="cat-electric"]').click();
    await page.locator('.description textarea').fill(DESCRIPTION);
    await page.locator('.building-chosen').filter({ hasText: '3号楼' }).waitFor();
    await page.locator('.submit-wish').dblclick();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('.wish-status').filter({ hasText: '待认领' }).waitFor();
    await page.goBack();
    await openTab(page, '我的');
    await page.locator('.my-wishes .wish-card').filter({ hasText: DESCRIPTION }).first().waitFor();
    expect(await page.locator('.my-wishes .wish-card').filter({ hasText: DESCRIPTION }).count()).toBe(1);
    await screenshot(page, '1-resident-posted');
    expect((await ownWishes('u-res-wang')).filter((w) => w.description === DESCRIPTION)).toHaveLength(1);
  });

  test('2. a volunteer of the routed team claims, starts and completes it', async () => {
    const { wish } = await posted('厨房的灯一闪一闪的,开关有焦味');
    const page = await signIn(await context(), stack.web, 'u-vol-zhang');
    await tapButton(page, '志愿者任务');
    const card = page.locator('.wish-card').filter({ hasText: '厨房的灯一闪一闪' });
    await card.waitFor();
    await card.locator('.claim').click();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('.action-start').click();
    await page.locator('.wish-status').filter({ hasText: '处理中' }).waitFor();
    await page.locator('.action-text textarea').fill('换了跳闸的开关,测试正常');
    await page.locator('.action-complete').click();
    await page.locator('.wish-status').filter({ hasText: '待确认' }).waitFor();
    await screenshot(page, '2-volunteer-completed');
    expect(await getWish(wish.id)).toMatchObject({ status: 'done', claimantId: 'u-vol-zhang' });
  });

  test('2b. a volunteer reads the wish’s page before claiming: the claim hands back the copy the page showed', async () => {
    const { wish } = await posted('书房的灯管两头发黑,闪个不停');
    const page = await signIn(await context(), stack.web, 'u-vol-zhang');
    const claims: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/wishes/${wish.id}/claim`)) claims.push(r.postData() ?? '');
    });
    await tapButton(page, '志愿者任务');
    await page.locator('.wish-card').filter({ hasText: '书房的灯管两头发黑' }).click();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('.action-claim').click();
    await page.locator('.wish-status').filter({ hasText: '已认领' }).waitFor();
    expect(claims).toHaveLength(1);
    expect(JSON.parse(claims[0])).toEqual({ seen: expect.stringMatching(/^[\w-]{40,}$/) });
    expect(await getWish(wish.id)).toMatchObject({ status: 'claimed', claimantId: 'u-vol-zhang' });
  });

  test('3. the resident confirms with a rating and sees the whole timeline', async () => {
    const DONE = '阳台的灯不亮了,开关一按就跳闸';
    const { wish } = await posted(DONE);
    await step('u-vol-zhang', wish.id, 'claim');
    await step('u-vol-zhang', wish.id, 'start');
    await step('u-vol-zhang', wish.id, 'complete', { note: '换了跳闸的开关,测试正常' });
    const page = await signIn(await context(), stack.web, 'u-res-wang');
    await page.locator('.wish-card').filter({ hasText: DONE }).click();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('.rating-5').click();
    await tapRow(page, '.wall-full');
    await page.locator('.wall-full.selected').waitFor();
    await page.locator('.action-text textarea').fill('张师傅来得很快,谢谢!');
    await page.locator('.action-confirm').click();
    await page.locator('.wish-status').filter({ hasText: '已完成' }).waitFor();
    const steps = await page.locator('.timeline-item').allInnerTexts();
    expect(steps.map((s) => s.split(' · ')[0].trim())).toEqual(['提交心愿', '派单', '认领', '开始处理', '完成', '确认完成']);
    expect(steps.join('\n')).toContain('换了跳闸的开关');
    await screenshot(page, '3-resident-confirmed');
    // Neighbours see it on the home page among the community's fulfilled wishes, her name masked.
    const neighbour = await signIn(await context(), stack.web, 'u-res-zhao');
    await neighbour.locator('.wall-item').filter({ hasText: DONE }).filter({ hasText: '王**' }).waitFor();
    expect(await neighbour.locator('.wall-item').filter({ hasText: '王秀英' }).count()).toBe(0);
  });

  test('4. two volunteers claim the same wish at once: one wins, the other is told and sees the list refreshed', async () => {
    const { wish } = await submit({ description: '水管漏水,厨房地上全是水', category: 'cat-plumbing', buildingId: 'b-gc-1' });
    const [zhang, liu] = await Promise.all([
      signIn(await context(), stack.web, 'u-vol-zhang'),
      signIn(await context(), stack.web, 'u-vol-liu'),
    ]);
    for (const page of [zhang, liu]) {
      await tapButton(page, '志愿者任务');
      await page.locator('.wish-card').filter({ hasText: '水管漏水' }).locator('.claim').waitFor();
    }
    await Promise.all([zhang, liu].map((p) => p.locator('.wish-card').filter({ hasText: '水管漏水' }).locator('.claim').click()));
    let stored = await getWish(wish.id);
    for (let i = 0; i < 100 && !stored?.claimantId; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await getWish(wish.id);
    }
    expect(['u-vol-zhang', 'u-vol-liu']).toContain(stored?.claimantId);
    const loser = stored?.claimantId === 'u-vol-zhang' ? liu : zhang;
    await loser.locator('.claim-notice').filter({ hasText: '已被其他志愿者认领' }).waitFor();
    await loser.waitForFunction(() => !document.body.innerText.includes('水管漏水,厨房'));
    await screenshot(loser, '4-claim-lost');
  });

  test('5. a grid worker files a wish for a resident with consent, and the resident sees it in 我的', async () => {
    const page = await signIn(await context(), stack.web, 'u-grid-sun');
    await tapButton(page, '待分派的心愿');
    await tapButton(page, '代居民提交心愿');
    await page.locator('.resident-choice[data-resident-id="u-res-li"]').click();
    await page.locator('.category[data-category="cat-visit"]').click();
    await page.locator('.description textarea').fill('李大爷腿脚不便,希望有人每周来看看他');
    await page.locator('.submit-wish').click();
    await page.locator('.error').filter({ hasText: '居民已同意' }).waitFor();
    await page.locator('.consent').click();
    await page.locator('.submit-wish').click();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('text=由网格员孙丽代为提交').waitFor();
    await screenshot(page, '5-filed-on-behalf');

    const resident = await signIn(await context(), stack.web, 'u-res-li');
    await openTab(resident, '我的');
    await resident.locator('.my-wishes .wish-card').filter({ hasText: '每周来看看他' }).waitFor();
    await screenshot(resident, '5-resident-sees-it');
    const filed = (await ownWishes('u-res-li')).find((w) => w.description.includes('每周来看看他'));
    expect(filed?.filedBy?.userId).toBe('u-grid-sun');
  });

  test('6. in elder mode the home page and the wish form meet the MIIT 适老化 figures', async () => {
    const page = await signIn(await context(), stack.web, 'u-res-zhao');
    await page.locator('.elder-offer .btn.primary').click();
    await page.waitForFunction(() => document.body.classList.contains('elder') && !!document.querySelector('.page.elder'));
    const home = await measureElderRules(page);
    await screenshot(page, '6-elder-home');
    await openTab(page, '许愿');
    await page.locator('.category').first().waitFor();
    const form = await measureElderRules(page);
    await screenshot(page, '6-elder-form');
    for (const result of [home, form]) {
      expect(result.checkedText).toBeGreaterThan(5);
      expect(result.checkedTargets).toBeGreaterThan(2);
      expect(result.violations).toEqual([]);
    }
    // The choice is remembered: a new visit opens in elder mode without asking again.
    await page.reload();
    await openTab(page, '首页');
    await page.locator('.page.elder .title:visible').filter({ hasText: '您好' }).waitFor();
    expect(await page.locator('.elder-offer:visible').count()).toBe(0);
  });

  test('7. a session the API no longer accepts sends the user back to sign-in', async () => {
    const page = await signIn(await context(), stack.web, 'u-res-zhao');
    await page.evaluate(() => localStorage.setItem('linli.token', JSON.stringify({ data: 'expired-or-forged' })));
    await openTab(page, '我的');
    await page.waitForURL(/pages\/login\/index/);
    await page.locator('.demo-user:visible').first().waitFor();
    expect(await page.locator('.demo-user:visible').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => localStorage.getItem('linli.token'))).toBeNull();
    await screenshot(page, '7-back-to-sign-in');
  });

  test('8. the app asks the API for each thing once: sign-in page (nothing needing a session), home after sign-in, home on a new visit', async () => {
    const page = await (await context()).newPage();
    const calls: { path: string; status: number }[] = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.origin === stack.api.baseUrl && res.request().method() !== 'OPTIONS')
        calls.push({ path: `${url.pathname}${url.search}`, status: res.status() });
    });
    await page.goto(`${stack.web}/`);
    await page.locator('.demo-user:visible').first().waitFor();
    await answered(calls, ['/auth/dev-users']);
    expect(page.url()).toMatch(/pages\/login\/index/);
    // Nothing that needs a session is asked for (it would answer 401, as /wall did), and nothing twice.
    expect(calls.filter((c) => c.status === 401)).toEqual([]);
    expect(askedMoreThanOnce(calls)).toEqual([]);
    expect(calls.map((c) => c.path)).toContain('/auth/dev-users');

    // Signing in: the home page asks for its two lists once each.
    calls.length = 0;
    await page.locator('.demo-user[data-user-id="u-res-zhao"]').click();
    await page.locator('.page .title:visible').filter({ hasText: '您好' }).waitFor();
    await answered(calls, ['/wall', '/wishes?scope=mine']);
    expect(askedMoreThanOnce(calls)).toEqual([]);
    expect(calls.map((c) => c.path)).toEqual(expect.arrayContaining(['/auth/dev-login', '/wall', '/wishes?scope=mine']));

    // Opening the app again, signed in: index.html asks for the home page's lists while the code loads, and the
    // page shows those answers instead of asking a second time.
    calls.length = 0;
    await page.reload();
    await page.locator('.page .wish-card:visible').filter({ hasText: '楼道里堆了很多杂物' }).waitFor();
    await page.locator('.page .wall-item:visible').first().waitFor();
    await answered(calls, ['/wall', '/wishes?scope=mine']);
    expect(askedMoreThanOnce(calls)).toEqual([]);
    expect(calls.map((c) => c.path).sort()).toEqual(['/figures/report', '/notifications/unread-count', '/wall', '/wishes?scope=mine']);
  });

  test('9. the 长辈版 row on 我的 switches elder mode with a tap anywhere on it', async () => {
    const page = await signIn(await context(), stack.web, 'u-vol-liu');
    await openTab(page, '我的');
    const row = page.locator('.elder-switch:visible');
    await row.locator('.text').click();
    await page.locator('.page.elder .elder-switch:visible').waitFor();
    expect(await page.evaluate(() => document.body.classList.contains('elder'))).toBe(true);
    await row.locator('.text').click();
    await page.waitForFunction(() => !document.body.classList.contains('elder'));
    expect(await page.locator('.page.elder:visible').count()).toBe(0);
  });

  test('10. opening the app again with a session the API no longer accepts lands on sign-in', async () => {
    const page = await signIn(await context(), stack.web, 'u-res-zhao');
    await page.evaluate(() => localStorage.setItem('linli.token', JSON.stringify({ data: 'expired-or-forged' })));
    // A new visit of the home page: the answers index.html asked for early are 401s, and they are not trusted.
    await page.reload();
    await page.waitForURL(/pages\/login\/index/);
    await page.locator('.demo-user:visible').first().waitFor();
    expect(await page.evaluate(() => localStorage.getItem('linli.token'))).toBeNull();
  });

  test('11. the sign-in page carries only what its first screen shows: zod and the request layer come with the first tap', async () => {
    const page = await (await context()).newPage();
    const scripts: { url: string; bytes: number; zod: boolean }[] = [];
    const seen: Promise<void>[] = [];
    page.on('response', (res) => {
      // Scripts run (and preloaded) by the page; a prefetch is fetched at low priority and not run.
      if (res.request().resourceType() !== 'script') return;
      seen.push(
        res.body().then((body) => {
          scripts.push({ url: res.url(), bytes: body.length, zod: body.includes('ZodObject') });
        }),
      );
    });
    await page.goto(`${stack.web}/`);
    await page.locator('.demo-user:visible').first().waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(seen);
    // Each file once (a preloaded script is run from the preload).
    const before = [...new Map(scripts.map((s) => [s.url, s])).values()];
    // Once 583 KB with zod, the schemas and Taro's request polyfills in it; now React, Taro and the page (387 KB).
    expect(before.filter((s) => s.zod).map((s) => s.url)).toEqual([]);
    expect(before.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(420_000);

    // The tap loads the request layer, and signing in works as before.
    await page.locator('.demo-user[data-user-id="u-res-zhao"]').click();
    await page.locator('.page .title:visible').filter({ hasText: '您好' }).waitFor();
    expect(page.url()).toMatch(/pages\/home\/index/);
  });

  // Every page of every role (the table in elder-pages.ts; a page without an entry fails elder-coverage.test.ts).
  // Each makes its own data and starts from a fresh browser with elder mode chosen: no order between them.
  test.each(ELDER_PAGES.map((entry) => [`${entry.page} as ${entry.user ?? 'a visitor'}: ${entry.view}`, entry] as const))(
    'elder mode meets the MIIT figures on %s',
    async (name, entry) => {
      const data = (await entry.prepare?.()) ?? {};
      const c = await context();
      await c.addInitScript(() => localStorage.setItem('linli.elderMode', JSON.stringify({ data: 'on' })));
      let page: Page;
      if (entry.user) page = await signIn(c, stack.web, entry.user);
      else {
        page = await c.newPage();
        await page.goto(`${stack.web}/`);
      }
      await entry.reach(page, data, stack.web);
      await page.locator(`${entry.shown}:visible`).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(
        () =>
          ![...document.querySelectorAll('.page .empty')].some(
            (e) => e.getBoundingClientRect().height > 0 && e.textContent?.includes('正在加载'),
          ),
      );
      // A page that opens at once (no data to wait for) is shown while the one it replaces is still sliding away.
      await page
        .waitForFunction(
          () => [...document.querySelectorAll('.page.elder')].filter((e) => e.getBoundingClientRect().height > 0).length === 1,
        )
        .catch(() => undefined);
      expect(await page.locator('.page.elder:visible').count()).toBe(1);
      // ...and the one shown may itself still be sliding in from the right: measure it once it has arrived.
      await page
        .waitForFunction(
          () => {
            const shown = [...document.querySelectorAll('.page.elder')].find((e) => e.getBoundingClientRect().height > 0);
            return shown !== undefined && Math.abs(shown.getBoundingClientRect().left) < 1;
          },
          undefined,
          { timeout: 5_000 },
        )
        .catch(() => undefined);
      const report = await measureElderRules(page);
      await screenshot(page, `elder-${name.replace(/[^\w]+/g, '-').replace(/-+$/, '')}`);
      expect(report.violations).toEqual([]);
      expect(report.checkedText).toBeGreaterThan(2);
      if (entry.readOnly) expect(report.checkedTargets).toBe(0);
      else expect(report.checkedTargets).toBeGreaterThan(0);
      // On a tab page the tab bar is measured too: all three of its items.
      if (['pages/home/index', 'pages/post/index', 'pages/mine/index'].includes(entry.page)) expect(report.targetsByKind.tab).toBe(3);
    },
  );
});
