import path from 'node:path';
import type { Page } from 'playwright-core';
import { isObserver, seatsOf } from '../../functions/data/council/observers';
import { getTopic, isTopicSupporter, supportersOf, topicWithChildren } from '../../functions/data/council/topics';
import { readAll } from '../../functions/data/pagination';
import { seedCouncil } from '../../scripts/demo/council';
import { ARTIFACTS, openTab, screenshot, signIn, tapButton } from '../helpers/browser';
import { as } from '../helpers/api';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';

useDemoTable();

const STAFF = 'u-staff-guo';
const RESIDENT = 'u-res-zhao';

/** A topic staff put to the council directly: at 收集意见, no supports needed. */
async function newTopic(title: string): Promise<string> {
  const res = await as(STAFF).post('/council/topics', { title, body: '南门口老人多,等车没地方坐,想在门口加几张休息座椅,请大家说说意见。' });
  if (res.status !== 201) throw new Error(`topic answered ${res.status}: ${res.text}`);
  return res.body.topic.id as string;
}

/** From the home page to a topic: 议事 for a resident, 我的 → 居民议事会 for staff. */
async function openTopic(page: Page, id: string, staff: boolean): Promise<void> {
  if (staff) {
    await openTab(page, '我的');
    await tapButton(page, '居民议事会');
  } else await page.locator('.council-entry:visible').click();
  const card = page.locator(`.topic-card[data-topic-id="${id}"]:visible`);
  // The seven-step bar, at its first step.
  await card.locator('.council-step.current[data-step="1"]').filter({ hasText: '收集意见' }).waitFor();
  await card.locator('.open-topic').click();
  await page.locator(`.topic[data-topic-id="${id}"]:visible`).waitFor();
}

/**
 * Issue 14 in the browser: a resident supports a topic and gives an opinion, staff confirm it with a summary
 * and add a plan, a resident comments on a plan and registers to attend a noticed meeting (each checked in the
 * database), and the meeting notice on the noticeboard prints as an A4 sheet with its title, time, place and agenda.
 */
describe('the residents’ council in the browser', () => {
  const stack = useBrowserStack();
  const context = stack.context;

  test('a resident supports a topic and gives a suggestion; staff confirm it with a summary and add a plan', async () => {
    const id = await newTopic('南门口加装休息座椅');

    const resident = await signIn(await context(), stack.web, RESIDENT);
    await openTopic(resident, id, false);
    await resident.locator('.support-topic:visible').click();
    await resident.locator('.supported:visible').waitFor();
    await resident.locator('.supporters:visible').filter({ hasText: '1人支持' }).waitFor();
    expect((await getTopic(id))?.supporters).toBe(1);
    expect(await isTopicSupporter(id, RESIDENT)).toBe(true);

    const text = '座椅要有靠背,放在树荫下';
    await resident.locator('.stance-suggest:visible').click();
    await resident.locator('.opinion-text:visible textarea').fill(text);
    await resident.locator('.send-opinion:visible').click();
    await resident.locator('.opinion:visible').filter({ hasText: text }).waitFor();
    await screenshot(resident, 'council-opinion');
    const stored = await topicWithChildren(id);
    expect(stored?.opinions.map((o) => ({ userId: o.userId, stance: o.stance, text: o.text }))).toEqual([
      { userId: RESIDENT, stance: 'suggest', text },
    ]);

    const staff = await signIn(await context(), stack.web, STAFF);
    await openTopic(staff, id, true);
    await staff.locator('.move-topic:visible').click();
    const summary = '居民支持加装座椅,建议带靠背、放在树荫下';
    await staff.locator('.confirm-text:visible textarea').fill(summary);
    await staff.locator('.send-confirm:visible').click();
    await staff.locator('.success:visible').filter({ hasText: '议题已确认' }).waitFor();
    expect(await getTopic(id)).toMatchObject({ step: 'drafting', summary });
    await staff.locator('.council-step.current[data-step="3"]:visible').filter({ hasText: '制定方案' }).waitFor();

    await staff.locator('.plan-title:visible input').fill('南门口安装4张带靠背座椅');
    await staff.locator('.plan-body:visible textarea').fill('在南门内侧树荫下安装4张带靠背的座椅');
    await staff.locator('.add-plan:visible').click();
    await staff.locator('.success:visible').filter({ hasText: '方案已添加' }).waitFor();
    await screenshot(staff, 'council-plan-added');
    expect((await getTopic(id))?.plans.map((p) => p.title)).toEqual(['南门口安装4张带靠背座椅']);
  });

  test('a resident comments on a plan while it is drafted, and registers to attend the noticed meeting (seats shown)', async () => {
    const id = await newTopic('南门口加装遮阳棚');
    const post = async (step: string, body: object) => {
      const res = await as(STAFF).post(`/council/topics/${id}/${step}`, body);
      if (res.status !== 200) throw new Error(`${step} answered ${res.status}: ${res.text}`);
    };
    await post('confirm', { summary: '居民希望加装遮阳棚' });
    await post('plans', { title: '安装可收放遮阳棚', body: '在南门候车处安装可收放的遮阳棚' });
    await seedCouncil();
    const listed = await as(STAFF).get('/council/topics');
    const stairs = (listed.body.items as { id: string; title: string }[]).find((t) => t.title === '12号楼楼道堆物公约')!;

    const page = await signIn(await context(), stack.web, RESIDENT);
    const open = async (topicId: string) => {
      await page.locator('.council-entry:visible').click();
      await page.locator(`.topic-card[data-topic-id="${topicId}"]:visible .open-topic`).click();
      await page.locator(`.topic[data-topic-id="${topicId}"]:visible`).waitFor();
    };
    await open(id);
    const plan = page.locator('.plan[data-plan-id="p1"]:visible');
    await plan.locator('.comment-plan').click();
    const comment = '遮阳棚要结实,防大风';
    await plan.locator('.stance-suggest').click();
    await plan.locator('.comment-text textarea').fill(comment);
    await plan.locator('.send-comment').click();
    await plan.locator('.plan-comment').filter({ hasText: comment }).waitFor();
    await screenshot(page, 'council-plan-comment');
    const stored = await topicWithChildren(id);
    expect(stored?.opinions.map((o) => ({ userId: o.userId, planId: o.planId, stance: o.stance, text: o.text }))).toEqual([
      { userId: RESIDENT, planId: 'p1', stance: 'suggest', text: comment },
    ]);

    // Back to 议事's list, and on to the topic noticed for next week.
    await page.goBack();
    await page.locator(`.topic-card[data-topic-id="${stairs.id}"]:visible .open-topic`).click();
    await page.locator(`.topic[data-topic-id="${stairs.id}"]:visible`).waitFor();
    const notice = (await getTopic(stairs.id))!.notice!;
    const card = page.locator('.attendance:visible');
    await card
      .locator('.attendance-count')
      .filter({ hasText: `还剩${notice.observerSeats}个` })
      .waitFor();
    await card.locator('.attend-meeting').click();
    await card.locator('.attending').waitFor();
    await card
      .locator('.attendance-count')
      .filter({ hasText: `已报名1人,列席座位${notice.observerSeats}个,还剩${notice.observerSeats! - 1}个` })
      .waitFor();
    await screenshot(page, 'council-attend');
    expect(await isObserver(stairs.id, notice.at, RESIDENT)).toBe(true);
    expect(await seatsOf(stairs.id, notice)).toEqual({ observers: 1, seats: notice.observerSeats });
  });

  test('a resident objects to a published result and staff answer on the topic page; a grid worker supports for a resident with consent', async () => {
    await seedCouncil();
    const listed = (await as(STAFF).get('/council/topics')).body.items as { id: string; title: string }[];
    const parking = listed.find((t) => t.title === '古城社区院内停车秩序')!.id;
    const charging = listed.find((t) => t.title === '东区排房加装电动车充电桩')!.id;

    const resident = await signIn(await context(), stack.web, RESIDENT);
    await resident.locator('.council-entry:visible').click();
    await resident.locator(`.topic-card[data-topic-id="${parking}"]:visible .open-topic`).click();
    const objection = '12个车位不够,希望再增加几个';
    await resident.locator('.objection-text:visible textarea').fill(objection);
    await resident.locator('.send-objection:visible').click();
    await resident.locator('.objection:visible').filter({ hasText: objection }).waitFor();
    const raised = (await topicWithChildren(parking))!.objections.find((o) => o.text === objection)!;
    expect(raised).toMatchObject({ userId: RESIDENT, answer: null });

    const staff = await signIn(await context(), stack.web, STAFF);
    await openTab(staff, '我的');
    await tapButton(staff, '居民议事会');
    await staff.locator(`.topic-card[data-topic-id="${parking}"]:visible .open-topic`).click();
    const row = staff.locator(`.objection[data-objection-id="${raised.id}"]:visible`);
    const answer = '东侧空地正在规划,明年再增加6个车位';
    await row.locator('.answer-text textarea').fill(answer);
    await row.locator('.send-answer').click();
    await row.locator('.objection-answer').filter({ hasText: answer }).waitFor();
    await screenshot(staff, 'council-objection-answered');
    expect((await topicWithChildren(parking))!.objections.find((o) => o.id === raised.id)?.answer).toMatchObject({ text: answer });

    // 孙丽 supports the charging topic for 李建国, who agreed at his door: his support, filed by her.
    const grid = await signIn(await context(), stack.web, 'u-grid-sun');
    await openTab(grid, '我的');
    await tapButton(grid, '居民议事会');
    await grid.locator(`.topic-card[data-topic-id="${charging}"]:visible .open-topic`).click();
    await grid.locator('.choose-resident:visible').click();
    await grid.locator('.resident-choice[data-resident-id="u-res-li"]:visible').click();
    expect(await grid.locator('.support-topic:visible').count()).toBe(0);
    await grid.locator('.on-behalf-consent:visible').click();
    await grid.locator('.support-topic:visible').click();
    await grid.locator('.success:visible').filter({ hasText: '已代居民支持' }).waitFor();
    expect(await isTopicSupporter(charging, 'u-res-li')).toBe(true);
    const supporters = await readAll(supportersOf(charging));
    expect(supporters.find((x) => x.userId === 'u-res-li')?.filedBy).toMatchObject({ userId: 'u-grid-sun' });
  });

  test('the meeting notice on the noticeboard prints as an A4 sheet: title, time, place and agenda, no buttons', async () => {
    await seedCouncil();
    const listed = await as(STAFF).get('/council/topics');
    const stairs = (listed.body.items as { id: string; title: string; step: string }[]).find((t) => t.title === '12号楼楼道堆物公约')!;
    expect(stairs.step).toBe('noticed');
    const notice = (await getTopic(stairs.id))!.notice!;

    const page = await signIn(await context(), stack.web, RESIDENT);
    await page.locator('.council-entry:visible').click();
    await tapButton(page, '公告栏');
    await page.locator(`.board-entry[data-topic-id="${stairs.id}"][data-kind="notice"] .print-entry:visible`).click();
    const sheet = page.locator('.print-sheet.print-notice:visible');
    await sheet.locator('.print-title').filter({ hasText: '12号楼楼道堆物公约' }).waitFor();
    // The agenda one item a line.
    expect(await sheet.locator('.print-agenda .agenda-item').allInnerTexts()).toEqual(notice.agenda.split(/[;\uFF1B]/));
    await sheet.locator('.print-place').filter({ hasText: notice.place }).waitFor();
    await page.locator('.print-now:visible').waitFor();

    // As the printer sees it (an A4 page, 794 × 1123 CSS px): the sheet alone, in large type, no button, no tab bar.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await sheet.locator('.print-title').waitFor();
    // The page has finished sliding in: the sheet fills the paper's width from its left edge.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.print-sheet')].some((e) => {
        const r = e.getBoundingClientRect();
        return r.height > 0 && Math.abs(r.left) < 1 && r.right <= innerWidth + 1 && r.width > innerWidth - 2;
      }),
    );
    expect(await page.locator('.print-now:visible').count()).toBe(0);
    const sizes = await sheet.evaluate((el) => {
      const px = (selector: string) => parseFloat(getComputedStyle(el.querySelector(selector)!).fontSize);
      return { title: px('.print-title'), agenda: px('.print-agenda') };
    });
    expect(sizes.title).toBeGreaterThanOrEqual(36);
    expect(sizes.agenda).toBeGreaterThanOrEqual(22);
    expect(await sheet.locator('img, canvas').count()).toBe(0);
    await screenshot(page, 'council-print-notice');
    await page.pdf({ path: path.join(ARTIFACTS, 'council-print-notice.pdf'), format: 'A4', printBackground: true });
  });
});
