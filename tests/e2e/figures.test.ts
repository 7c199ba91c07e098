import type { Page } from 'playwright-core';
import type { Comparison, FigureWishPage, FiguresView, Trend } from '../../shared/schemas/figures';
import type { MyCredits } from '../../shared/schemas/credits';
import { FIGURE_KEYS } from '../../shared/schemas/figures';
import { as } from '../helpers/api';
import { openTab, screenshot, signIn, tapButton } from '../helpers/browser';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';
import { wishIn } from '../helpers/wishes';

useDemoTable();

const STAFF = 'u-staff-guo'; // 古城社区
const VOLUNTEER = 'u-vol-zhang'; // claims the wishes wishIn makes

/** A rate as the dashboard shows it. */
const percent = (rate: number | null) => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

/**
 * Issue 15 in the browser: the dashboard shows the API's numbers (the month's figures and their parts, the counts,
 * the trend's table and the grids side by side), a number opens the wishes behind it, and a volunteer's credit.
 */
describe('the dashboard and the credit in the browser', () => {
  const stack = useBrowserStack();
  const context = stack.context;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // A wish of 古城's first grid in each state the figures tell apart.
    for (const status of ['confirmed', 'done', 'closed_unfixed', 'routed'] as const) ids[status] = await wishIn(status);
  });

  const toDashboard = async (userId: string) => {
    const page = await signIn(await context(), stack.web, userId);
    await openTab(page, '我的');
    await tapButton(page, '数据看板');
    await page.locator('.board:visible .figure-card').first().waitFor();
    return page;
  };
  const texts = (page: Page, selector: string) => page.locator(`${selector}:visible`).allInnerTexts();

  test("staff see 古城's month as the API counts it: every figure with its parts, the counts, the trend and the grids", async () => {
    const page = await toDashboard(STAFF);
    const board = page.locator('.board:visible');
    const [scope, id, month] = await Promise.all(['data-scope', 'data-id', 'data-month'].map((a) => board.getAttribute(a)));
    expect(scope).toBe('community');
    const api = as(STAFF);
    const view = (await api.get<FiguresView>(`/figures?scope=community&id=${id}`)).body;
    expect(view.month).toBe(month);
    expect(view.counts.submitted).toBeGreaterThanOrEqual(4);

    for (const k of FIGURE_KEYS) {
      const card = board.locator(`.figure-card[data-figure="${k}"]`);
      const f = view.figures[k];
      expect({
        k,
        rate: await card.locator('.figure-rate').innerText(),
        numerator: await card.locator('.part-numerator .part-count').innerText(),
        denominator: await card.locator('.part-denominator .part-count').innerText(),
        missing: await card.locator('.part-missing .part-count').innerText(),
      }).toEqual({
        k,
        rate: percent(f.rate),
        numerator: `${f.numerator}`,
        denominator: `${f.denominator}`,
        missing: `${f.denominator - f.numerator}`,
      });
    }
    expect(await board.locator('.count-overdue .count-value').innerText()).toBe(`${view.counts.openOverdue}`);
    expect(await board.locator('.count-escalated .count-value').innerText()).toBe(`${view.counts.escalated}`);
    expect(await board.locator('.count-submitted .count-value').innerText()).toBe(`${view.counts.submitted}`);

    // The trend's table and the grids' table, for the figure chosen under the charts.
    await board.locator('.chart-chip[data-figure="resolution"]').click();
    const trend = (await api.get<Trend>(`/figures/trend?scope=community&id=${id}`)).body;
    expect(trend.items).toHaveLength(6);
    expect(await texts(page, '.trend-row .trend-rate')).toEqual(trend.items.map((m) => percent(m.figures.resolution.rate)));
    expect(await texts(page, '.trend-row .text:first-child')).toEqual(trend.items.map((m) => m.month));
    const compare = (await api.get<Comparison>(`/figures/compare?scope=community&id=${id}`)).body;
    expect(compare.items).toHaveLength(5);
    expect(await texts(page, '.compare-item .compare-name')).toEqual(compare.items.map((g) => g.name));
    expect(await texts(page, '.compare-item .compare-rate')).toEqual(compare.items.map((g) => percent(g.figures.resolution.rate)));
    await screenshot(page, 'figures-dashboard');
  });

  test('tapping a number opens the wishes behind it, as the API lists them, names masked', async () => {
    const page = await toDashboard(STAFF);
    const board = page.locator('.board:visible');
    const [id, month] = await Promise.all(['data-id', 'data-month'].map((a) => board.getAttribute(a)));
    const missing = board.locator('.figure-card[data-figure="resolution"] .part-missing');
    const shown = Number(await missing.locator('.part-count').innerText());
    await missing.click();
    await page.locator('.figure-wishes-title:visible').filter({ hasText: '解决率' }).waitFor();
    await page.locator('.figure-wish:visible').first().waitFor();

    const listed = (
      await as(STAFF).get<FigureWishPage>(`/figures/wishes?scope=community&id=${id}&month=${month}&figure=resolution&part=missing`)
    ).body;
    const onPage = await page.locator('.figure-wish:visible').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-wish-id')));
    expect(onPage).toEqual(listed.items.map((w) => w.id));
    expect(onPage).toHaveLength(shown);
    // The wish closed unfixed costs 古城 a point of 解决率; the confirmed one does not.
    expect(onPage).toContain(ids.closed_unfixed);
    expect(onPage).not.toContain(ids.confirmed);
    const text = (await texts(page, '.figure-wish')).join('\n');
    expect(text).toContain('李**');
    expect(text).not.toContain('李建国');
    await screenshot(page, 'figures-wishes');
  });

  test("a volunteer's 我的 shows the balance of their credit, and its page the entries", async () => {
    const mine = (await as(VOLUNTEER).get<MyCredits>('/credits/me')).body;
    expect(mine.balance).toBeGreaterThan(0);
    const page = await signIn(await context(), stack.web, VOLUNTEER);
    await openTab(page, '我的');
    await page
      .locator('.my-credits:visible')
      .filter({ hasText: `我的积分 ${mine.balance}` })
      .waitFor();
    await tapButton(page, '我的积分');
    await page
      .locator('.credit-balance:visible')
      .filter({ hasText: `${mine.balance}` })
      .waitFor();
    await page.locator('.credit-entry:visible').first().waitFor();
    expect(await page.locator('.credit-entry:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry-id')))).toEqual(
      mine.items.map((e) => e.id),
    );
  });
});
