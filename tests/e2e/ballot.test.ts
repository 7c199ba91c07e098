import path from 'node:path';
import { drawInputs } from '../../functions/data/booking/draws';
import { ARTIFACTS, openTab, screenshot, signIn, tapButton } from '../helpers/browser';
import { as } from '../helpers/api';
import { closePlus, sha, WITNESSES, witnessedBallot } from '../helpers/ballot';
import { HOUR_MS } from '../helpers/booking';
import { addResidents } from '../helpers/people';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';
import { tickAt } from '../helpers/tick';
import { DrawView } from '../../shared/schemas/draws';

useDemoTable();

const RESIDENT = 'u-res-li';

/**
 * Issue 16 in the browser: a witness commits from the app before the close (the app makes the secret and sends
 * only its SHA-256) and reveals it after; a resident opens a witnessed draw, sees every input, runs the check on
 * the phone and sees each step pass, and prints the A4 sheet for the noticeboard.
 */
describe('a witnessed ballot in the browser', () => {
  const stack = useBrowserStack();
  const context = stack.context;

  test('a witness sees what will happen, commits with a secret the app makes, and reveals it once the list is out', async () => {
    const residents = await addResidents(3, 'e2e-wit');
    const { service, slot } = await witnessedBallot(residents, 'open', ['u-staff-guo']);
    const page = await signIn(await context(), stack.web, 'u-res-wang');
    await tapButton(page, '预约社区服务');
    await page.locator(`.service-card[data-service-id="${service.id}"]:visible .open-service`).click();
    await page.locator(`.slot-card[data-slot-id="${slot.id}"]:visible .see-draw`).filter({ hasText: '抽签规则和监督人' }).click();

    // Before the close: what will happen, who the witnesses are, only whether each has committed.
    await page.locator('.draw-plan:visible').filter({ hasText: '报名截止时' }).waitFor();
    const guo = page.locator('.draw-witness[data-user-id="u-staff-guo"]:visible');
    await guo.filter({ hasText: '社区工作人员 郭**' }).filter({ hasText: '提交承诺' }).waitFor();
    expect(await guo.locator('.witness-commitment').count()).toBe(0);
    await page.locator('.draw-witness[data-user-id="u-res-wang"]:visible').filter({ hasText: '尚未提交承诺' }).waitFor();

    await page.locator('.make-secret:visible').click();
    const secret = (await page.locator('.witness-secret:visible').innerText()).trim();
    expect(secret).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    await page.locator('.commit-secret:visible').click();
    await page.locator('.witness-result.success:visible').waitFor();
    await page.locator('.witness-committed:visible').waitFor();
    expect((await drawInputs(slot.id)).witnesses.get('u-res-wang')?.commitment).toBe(sha(secret));
    await screenshot(page, 'ballot-witness-committed');

    // The close: the list is out; the secret kept on the phone is offered for the reveal.
    await tickAt(closePlus(slot, 0));
    await page.reload();
    await page.locator('.draw-applicant:visible').first().waitFor();
    expect(await page.locator('.reveal-input:visible input').inputValue()).toBe(secret);
    await page.locator('.reveal-secret:visible').click();
    await page.locator('.witness-revealed:visible').waitFor();
    expect((await drawInputs(slot.id)).witnesses.get('u-res-wang')?.secret).toBe(secret);
  });

  test('staff enter the public number on the draw page once the list is out, with its source and date', async () => {
    const { service, slot } = await witnessedBallot(await addResidents(2, 'e2e-pub'), 'published');
    const page = await signIn(await context(), stack.web, 'u-staff-guo');
    await openTab(page, '我的');
    await tapButton(page, '服务管理');
    await page.locator(`.manage-service[data-service-id="${service.id}"]:visible .service-slots`).click();
    await page.locator(`.slot-card[data-slot-id="${slot.id}"]:visible .see-draw`).filter({ hasText: '查看抽签过程' }).click();
    const form = page.locator('.public-number-form:visible');
    await form.filter({ hasText: '录入公开号码' }).filter({ hasText: '中国福利彩票 双色球' }).waitFor();
    // Beijing time, an hour after the witnesses' reveal deadline (24 hours after the close).
    const published = new Date(closePlus(slot, 25 * HOUR_MS).getTime() + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
    await form.locator('.public-value-input input').fill('05 09 14 20 26 33 + 02');
    await form.locator('.public-source-input input').fill('中国福利彩票官网');
    await form.locator('.public-date-input input').fill(published);
    await form.locator('.send-public-number').click();
    await page.locator('.public-number:visible .public-value').filter({ hasText: '05 09 14 20 26 33 + 02' }).waitFor();
    expect(await page.locator('.public-number-form:visible').count()).toBe(0);
    const entered = (await drawInputs(slot.id)).publicNumber;
    expect(entered).toMatchObject({ value: '05 09 14 20 26 33 + 02', source: '中国福利彩票官网', enteredBy: 'u-staff-guo' });
    expect(entered!.publishedAt).toBe(closePlus(slot, 25 * HOUR_MS).toISOString());
  });

  test('a resident sees every input of a drawn ballot, checks it on the phone, and prints the sheet', async () => {
    const others = await addResidents(4, 'e2e-drawn');
    const { service, slot, secrets, publicNumber } = await witnessedBallot([RESIDENT, ...others], 'drawn');
    const draw = DrawView.parse((await as(RESIDENT).get(`/services/${service.id}/draws/${slot.id}`)).body);
    expect(draw.status).toBe('drawn');

    const page = await signIn(await context(), stack.web, RESIDENT);
    await openTab(page, '我的');
    await tapButton(page, '我的预约');
    await page.locator(`.booking-card[data-booking-id="${slot.id}.${RESIDENT}"]:visible .card-title`).click();
    await tapButton(page, '查看抽签名单');
    await page.locator('.draw-entry:visible').first().waitFor();

    // The frozen list: every ticket with its weight and masked name, and its hash.
    for (const a of draw.applicants)
      await page
        .locator(`.draw-applicant[data-ticket="${a.ticket}"]:visible`)
        .filter({ hasText: a.name })
        .filter({ hasText: `权重${a.weight}` })
        .waitFor();
    await page.locator('.list-hash:visible').filter({ hasText: draw.listHash }).waitFor();
    expect(await page.locator('.list-text:visible').innerText()).toBe(draw.list);
    await page.locator('.weight-class:visible').filter({ hasText: '权重1' }).filter({ hasText: '未到场' }).waitFor();
    // Each witness: who, the commitment, the secret.
    for (const w of WITNESSES) {
      const card = page.locator(`.draw-witness[data-user-id="${w}"]:visible`);
      await card
        .locator('.witness-commitment')
        .filter({ hasText: sha(secrets[w]) })
        .waitFor();
      await card.locator('.witness-secret-shown').filter({ hasText: secrets[w] }).waitFor();
      await card.filter({ hasText: '揭示密码' }).waitFor();
    }
    await page.locator('.draw-witness[data-user-id="u-res-wang"]:visible').filter({ hasText: '居民代表 王**' }).waitFor();
    // The public number with its source; the seed's text and the seed; the order and the outcome.
    await page.locator('.public-number:visible').filter({ hasText: publicNumber.value }).filter({ hasText: publicNumber.source }).waitFor();
    expect(await page.locator('.seed-input:visible').innerText()).toBe(draw.seedInput);
    await page.locator('.seed:visible').filter({ hasText: draw.seed! }).waitFor();
    expect(await page.locator('.draw-entry:visible').allInnerTexts()).toEqual(
      draw.entries.map((e) => expect.stringContaining(`第${e.rank}名 ${e.ticket}`)),
    );
    await page.locator('.draw-entry.mine:visible').waitFor();
    // The exact strings to hash for each ticket.
    await page
      .locator('.ticket-string:visible')
      .filter({ hasText: `${draw.seed}:${draw.applicants[0].ticket}:0` })
      .waitFor();

    await page.locator('.check-draw:visible').click();
    await page.locator('.check-summary.success:visible').waitFor();
    const steps = page.locator('.check-step:visible');
    expect(await steps.count()).toBe(6);
    expect(await page.locator('.check-step[data-ok="no"]:visible').count()).toBe(0);
    await screenshot(page, 'ballot-draw-checked');

    await page.locator('.open-print:visible').click();
    const sheet = page.locator('.draw-sheet.sheet-drawn:visible');
    await sheet.locator('.sheet-title').filter({ hasText: '测试家电义修' }).waitFor();
    expect(await sheet.locator('.sheet-entry').count()).toBe(draw.entries.length);
    await sheet.locator('.sheet-list-hash').filter({ hasText: draw.listHash }).waitFor();
    await sheet.locator('.sheet-seed').filter({ hasText: draw.seed! }).waitFor();
    // As the printer sees it: an A4 page (794 × 1123 CSS px), the sheet alone in large type, no button.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    // The page has finished sliding in: the sheet fills the paper's width from its left edge, nothing sticks out.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.draw-sheet')].some((e) => {
        const r = e.getBoundingClientRect();
        return r.height > 0 && Math.abs(r.left) < 1 && r.right <= innerWidth + 1 && r.width > innerWidth - 2;
      }),
    );
    expect(await sheet.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    expect(await page.locator('.print-now:visible').count()).toBe(0);
    const titlePx = await sheet.locator('.sheet-title').evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(titlePx).toBeGreaterThanOrEqual(32);
    await screenshot(page, 'ballot-print');
    await page.pdf({ path: path.join(ARTIFACTS, 'ballot-print.pdf'), format: 'A4', printBackground: true });
  });
});
