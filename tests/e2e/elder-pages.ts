import type { Page } from 'playwright-core';
import { openTab, tapButton } from '../helpers/browser';
import { deliver } from '../../functions/data/notifications';
import { addResidents } from '../helpers/people';
import { LAMP, submit, wishIn } from '../helpers/wishes';

/**
 * Every page of the app, as each role that opens it sees it, for the elder-mode browser check
 * (tests/e2e/app.test.ts). A page in client/src/app.config.ts without an entry here fails
 * tests/unit/elder-coverage.test.ts: add one when you add a page.
 *
 * Each entry makes the data it needs through the API helpers, signs in as its user in a fresh browser
 * context with elder mode on, gets to the page as a person would (tabs, buttons, tapping a card; a URL only
 * where no list leads there), and waits for `shown`.
 */
export interface ElderPage {
  /** The page as app.config.ts lists it; subpackage pages with their root. */
  page: string;
  /** A demo user, or null for someone not signed in. */
  user: string | null;
  /** Which view of the page this entry checks. */
  view: string;
  /** Makes what the page shows; what it returns is handed to `reach`. */
  prepare?: () => Promise<Record<string, string>>;
  /** From the home page after signing in (or the sign-in page when `user` is null) to the page. */
  reach: (page: Page, data: Record<string, string>, web: string) => Promise<void>;
  /** Present once the page is shown with its data. */
  shown: string;
}

const RESIDENT = 'u-res-li'; // the owner the wish helpers use
const VOLUNTEER = 'u-vol-zhang'; // 古城能人库, which LAMP is routed to
const GRID_WORKER = 'u-grid-sun'; // grids 1 and 2, where LAMP and CLUTTER are

const nothing = async () => undefined;
/** Taps a wish card on its description, not its middle: a card in the volunteer inbox holds a claim button. */
const tapCard = async (page: Page, card = '.wish-card:visible') => {
  await page.locator(card).first().locator('.text').first().click();
};

export const ELDER_PAGES: ElderPage[] = [
  { page: 'pages/login/index', user: null, view: 'the demo accounts', reach: nothing, shown: '.demo-user' },

  {
    page: 'pages/home/index', user: RESIDENT, view: 'a wish to confirm and open wishes',
    prepare: async () => ({ id: await wishIn('done') }), reach: nothing, shown: '.wish-card .notice',
  },
  { page: 'pages/home/index', user: VOLUNTEER, view: 'the task entry and the wall', reach: nothing, shown: '.page .btn:has-text("志愿者任务")' },
  { page: 'pages/home/index', user: GRID_WORKER, view: 'the triage entry and the wall', reach: nothing, shown: '.page .btn:has-text("待分派的心愿")' },

  { page: 'pages/post/index', user: RESIDENT, view: 'the wish form', reach: (p) => openTab(p, '许愿'), shown: '.category' },
  { page: 'pages/post/index', user: VOLUNTEER, view: 'the wish form, their building chosen', reach: (p) => openTab(p, '许愿'), shown: '.building-chosen' },
  { page: 'pages/post/index', user: GRID_WORKER, view: 'the wish form, building picker open', reach: (p) => openTab(p, '许愿'), shown: '.place-choice' },

  {
    page: 'pages/mine/index', user: RESIDENT, view: 'the elder-mode switch and all my wishes',
    prepare: async () => ({ id: await wishIn('routed') }), reach: (p) => openTab(p, '我的'), shown: '.my-wishes .wish-card',
  },
  { page: 'pages/mine/index', user: VOLUNTEER, view: 'the elder-mode switch and the task entry', reach: (p) => openTab(p, '我的'), shown: '.elder-switch' },
  { page: 'pages/mine/index', user: GRID_WORKER, view: 'the elder-mode switch and the filing entry', reach: (p) => openTab(p, '我的'), shown: '.file-on-behalf' },

  {
    page: 'pages/wish/index', user: RESIDENT, view: 'confirming a done wish: rating, comment',
    prepare: async () => ({ id: await wishIn('done') }), reach: (p) => tapCard(p, '.wish-card:visible:has(.notice)'), shown: '.action-confirm',
  },
  {
    page: 'pages/wish/index', user: VOLUNTEER, view: 'a routed wish to claim',
    prepare: async () => ({ id: (await submit(LAMP)).wish.id }),
    reach: async (p) => {
      await tapButton(p, '志愿者任务');
      await tapCard(p);
    },
    shown: '.action-claim',
  },
  {
    page: 'pages/wish/index', user: GRID_WORKER, view: 'routing from triage: teams, reason, reject, close',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapCard(p);
    },
    shown: '.team-choice',
  },
  {
    page: 'pages/wish/index', user: GRID_WORKER, view: 'confirming for a resident: the consent checkbox',
    prepare: async () => ({ id: await wishIn('done') }),
    // No list of a grid worker's leads to a done wish: the link a resident would share.
    reach: async (p, data, web) => {
      await p.goto(`${web}/#/pages/wish/index?id=${data.id}`);
    },
    shown: '.act-consent',
  },

  {
    page: 'volunteer/pages/tasks/index', user: VOLUNTEER, view: 'the inbox with a wish to claim',
    prepare: async () => ({ id: (await submit(LAMP)).wish.id }), reach: (p) => tapButton(p, '志愿者任务'), shown: '.wish-card .claim',
  },
  {
    page: 'staff/pages/triage/index', user: GRID_WORKER, view: 'the triage queue',
    prepare: async () => ({ id: await wishIn('submitted') }), reach: (p) => tapButton(p, '待分派的心愿'), shown: '.wish-card',
  },
  {
    page: 'staff/pages/file/index', user: GRID_WORKER, view: 'choosing the resident',
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '代居民提交心愿');
    },
    shown: '.resident-choice',
  },
  {
    page: 'staff/pages/file/index', user: GRID_WORKER, view: 'the form with the consent checkbox',
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '代居民提交心愿');
      await p.locator(`.resident-choice[data-resident-id="${RESIDENT}"]`).click();
    },
    shown: '.consent',
  },
  {
    page: 'pages/onboard/index', user: RESIDENT, view: 'saying who and where they are',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '修改我的信息');
    },
    shown: '.save-profile',
  },
  {
    page: 'pages/inbox/index', user: RESIDENT, view: 'an unread message',
    prepare: async () => {
      await deliver([{ userId: RESIDENT, kind: 'wish_done', title: '您的心愿已完成,请确认', body: '电路照明·1号楼', link: null }], new Date().toISOString());
      return {};
    },
    reach: (p) => tapButton(p, '消息'),
    shown: '.notification',
  },
  {
    page: 'staff/pages/residents/index', user: GRID_WORKER, view: 'residents to verify',
    prepare: async () => ({ id: (await addResidents(1, 'e-newcomer', 'b-gc-2', false))[0] }),
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '居民核实');
    },
    shown: '.resident-row',
  },
];
