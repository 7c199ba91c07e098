import { getWish } from '../../functions/data/wishes';
import { openTab, screenshot, signIn, tapButton } from '../helpers/browser';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';
import { CLUTTER, GRID_WORKER, LAMP, step, submit } from '../helpers/wishes';

useDemoTable();

/**
 * Issue 7 in the browser: staff re-route with an override reason, a volunteer's lease countdown, a
 * resident told that their wish went up to the community, and "me too" on the wish form. Each test makes
 * its own wish with words of its own, so they run in any order.
 */
describe('routing, clocks and triage in the browser', () => {
  const stack = useBrowserStack();
  const context = stack.context;

  test('a grid worker re-routes a wish to a team routing did not rank first, and the timeline keeps the reason', async () => {
    const description = '卧室插座冒火花,不敢用了,想请人看看';
    const { wish } = await submit({ ...LAMP, description });
    expect(wish.status).toBe('routed');

    const page = await signIn(await context(), stack.web, GRID_WORKER);
    await tapButton(page, '待分派的心愿');
    // The queue opens on what no team took; the routed wish is one chip away.
    await page.locator('.chip-stage-routed:visible').click();
    const card = page.locator('.wish-card:visible').filter({ hasText: description });
    await card.locator('.text').first().click();
    await page.waitForURL(/pages\/wish\/index/);

    const choices = page.locator('.team-choice:visible');
    await choices.nth(1).waitFor();
    expect(await choices.count()).toBeGreaterThan(1);
    const top = await choices.nth(0).getAttribute('data-team-id');
    const other = choices.nth(1);
    const otherId = await other.getAttribute('data-team-id');
    expect(otherId).not.toBe(top);
    expect(await choices.nth(0).innerText()).toContain('推荐');
    await other.click();

    // Passing over the team ranked first needs a reason.
    await page.locator('.action-route:visible').click();
    await page.locator('.wish-actions .error:visible').filter({ hasText: '原因' }).waitFor();
    const reason = '古城能人库的电工本周外出培训,改派其他队伍';
    await page.locator('.override-reason:visible textarea').fill(reason);
    await page.locator('.action-route:visible').click();
    await page.locator('.success:visible').filter({ hasText: '已派单' }).waitFor();
    await page.locator('.timeline-item:visible').filter({ hasText: reason }).waitFor();
    await screenshot(page, 'routing-override');

    const stored = await getWish(wish.id);
    expect(stored?.teamId).toBe(otherId);
    expect(stored?.status).toBe('routed');
  });

  test('a volunteer sees the countdown of the claim they have not started yet, and may extend it once', async () => {
    const description = '阳台的灯一开就闪,开关也发烫';
    const { wish } = await submit({ ...LAMP, description });
    await step('u-vol-zhang', wish.id, 'claim');

    const page = await signIn(await context(), stack.web, 'u-vol-zhang');
    await tapButton(page, '志愿者任务');
    await page.locator('.tab-mine:visible').click();
    const card = page.locator('.wish-card:visible').filter({ hasText: description });
    await card.locator('.lease-countdown').filter({ hasText: '内开始处理' }).waitFor();
    await screenshot(page, 'routing-lease-countdown');

    const before = (await getWish(wish.id))?.leaseUntil;
    await card.locator('.extend-lease').click();
    await page.locator('.claim-notice:visible').filter({ hasText: '已延长开始时限' }).waitFor();
    // Once only: the button is gone and the countdown stays.
    await card.locator('.extend-lease').waitFor({ state: 'detached' });
    await card.locator('.lease-countdown').waitFor();
    const after = await getWish(wish.id);
    expect(after?.leaseExtended).toBe(true);
    expect(Date.parse(after!.leaseUntil!)).toBeGreaterThan(Date.parse(before!));

    // The wish itself shows the same countdown.
    await card.locator('.text').first().click();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('.wish-clock:visible .lease-countdown').waitFor();
  });

  test('a resident sees 已上报社区 on a wish the grid could not solve', async () => {
    const description = '楼下共用水表井盖松了,踩上去会翻';
    const { wish } = await submit({ ...CLUTTER, description });
    await step(GRID_WORKER, wish.id, 'escalate', { reason: '需要社区协调物业维修' });

    const page = await signIn(await context(), stack.web, 'u-res-li');
    const card = page.locator('.wish-card:visible').filter({ hasText: description });
    await card.locator('.card-level').filter({ hasText: '已上报社区' }).waitFor();
    await card.locator('.text').first().click();
    await page.waitForURL(/pages\/wish\/index/);
    await page.locator('.wish-level:visible').filter({ hasText: '已上报社区' }).waitFor();
    await page.locator('.timeline-item:visible').filter({ hasText: '需要社区协调物业维修' }).waitFor();
    await screenshot(page, 'routing-escalated-resident');
  });

  test('a resident posting what a neighbour already reported is offered to join it (我也遇到), or to post anyway', async () => {
    const description = '3号楼一单元的楼道扶手松动了,老人扶着会晃';
    const { wish } = await submit({ description, category: 'cat-safety', buildingId: 'b-gc-3', shared: true }, 'u-res-li');

    const page = await signIn(await context(), stack.web, 'u-res-wang');
    await openTab(page, '许愿');
    await page.locator('.building-chosen:visible').filter({ hasText: '3号楼' }).waitFor();
    await page.locator('.category[data-category="cat-safety"]:visible').click();
    const offered = page.locator(`.me-too-item[data-wish-id="${wish.id}"]:visible`);
    await offered.filter({ hasText: description }).waitFor();
    // Another category: the offer goes; back again, it returns.
    await page.locator('.category[data-category="cat-visit"]:visible').click();
    await offered.waitFor({ state: 'hidden' });
    await page.locator('.category[data-category="cat-safety"]:visible').click();
    await offered.waitFor();
    // "Not the same thing": the offer goes, and the form posts as usual.
    await page.locator('.post-anyway:visible').click();
    await offered.waitFor({ state: 'hidden' });
    await page.locator('.submit-wish:visible').waitFor();

    // A new visit offers it again; she joins.
    await page.reload();
    await page.locator('.building-chosen:visible').filter({ hasText: '3号楼' }).waitFor();
    await page.locator('.category[data-category="cat-safety"]:visible').click();
    await offered.locator('.join-wish').click();
    await page.waitForURL(new RegExp(`pages/wish/index\\?id=${wish.id}`));
    await page.locator('.success:visible').filter({ hasText: '已加入' }).waitFor();
    await page.locator('.notice:visible').filter({ hasText: '您也遇到了这个问题' }).waitFor();
    await screenshot(page, 'routing-me-too');
    expect((await getWish(wish.id))?.supporters).toBe(1);
  });
  test('street staff find what the community escalated in their queue; a grid worker switching filters fast keeps one request in flight', async () => {
    const up = '小区外的人行道塌了一块,晚上有人摔倒';
    const { wish } = await submit({ ...CLUTTER, description: up });
    await step(GRID_WORKER, wish.id, 'escalate', { reason: '需要社区协调' });
    await step('u-staff-guo', wish.id, 'escalate', { reason: '市政道路,需要街道协调' });
    const street = await signIn(await context(), stack.web, 'u-street-li');
    await tapButton(street, '上报到街道的心愿');
    await street.locator('.wish-card:visible').filter({ hasText: up }).locator('.card-level').filter({ hasText: '已上报街道' }).waitFor();

    const waiting = '单元门的门禁坏了,关不上';
    await submit({ ...CLUTTER, description: waiting });
    // In the same grid worker's queue, at another stage: what the stage filter must keep out.
    const taken = '二楼走廊的声控灯不亮了,晚上摸黑走';
    expect((await submit({ ...LAMP, description: taken })).wish.status).toBe('routed');
    const page = await signIn(await context(), stack.web, GRID_WORKER);
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const isTriage = (url: string) => new URL(url).pathname === '/triage';
    page.on('request', (r) => {
      if (r.method() !== 'GET' || !isTriage(r.url())) return;
      asked.push(new URL(r.url()).search);
      most = Math.max(most, ++inFlight);
    });
    const done = (r: { method: () => string; url: () => string }) => {
      if (r.method() === 'GET' && isTriage(r.url())) inFlight--;
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    // A slow network: each answer takes longer than the taps between them.
    await page.route(
      (url) => isTriage(url.toString()),
      async (route) => {
        await new Promise((r) => setTimeout(r, 600));
        await route.continue();
      },
    );
    await tapButton(page, '待分派的心愿');
    await page.locator('.wish-card:visible').filter({ hasText: waiting }).waitFor();
    // Four taps without waiting for an answer: one request at a time, and the list ends as the last tap asked.
    for (const chip of ['.chip-stage-routed', '.chip-stage-all', '.chip-order-urgent', '.chip-stage-submitted'])
      await page.locator(`${chip}:visible`).click();
    await page.waitForLoadState('networkidle');
    await page.locator('.wish-card:visible').filter({ hasText: waiting }).waitFor();
    expect(most).toBe(1);
    expect(asked.at(-1)).toContain('order=urgent');
    expect(asked.at(-1)).toContain('stage=submitted');
    // The list shown is the answer to the last tap (待分派 only): the routed wish of her own grid is not in it.
    // It would be if the stage filter did nothing, or if an earlier tap's answer (待认领, 全部) had landed last.
    const cards = (text: string) => page.locator('.wish-card:visible').filter({ hasText: text });
    expect(await cards(taken).count()).toBe(0);
    // It is in her queue all the same: one chip away, where the waiting one is not.
    await page.locator('.chip-stage-routed:visible').click();
    await cards(taken).waitFor();
    expect(await cards(waiting).count()).toBe(0);
    // What went up to the street is in no grid worker's queue, whatever the filters (scope, not a filter).
    expect(await cards(up).count()).toBe(0);
  });
});
