import type { Page } from 'playwright-core';
import { openTab, tapButton } from '../helpers/browser';
import { deliver } from '../../functions/data/notifications';
import { as } from '../helpers/api';
import { addResidents } from '../helpers/people';
import { book, DAY_MS, slotIn, startingSoon, testService } from '../helpers/booking';
import { tickAt } from '../helpers/tick';
import { witnessedBallot } from '../helpers/ballot';
import { seedCouncil } from '../../scripts/demo/council';
import { CLUTTER, GRID_WORKER as WISH_GRID_WORKER, LAMP, step, submit, wishIn } from '../helpers/wishes';

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
  /** A view that is only read (nothing to tap): its text is measured, and it must then have no target at all. */
  readOnly?: true;
}

const RESIDENT = 'u-res-li'; // the owner the wish helpers use
const VOLUNTEER = 'u-vol-zhang'; // 古城能人库, which LAMP is routed to
const GRID_WORKER = 'u-grid-sun'; // grids 1 and 2, where LAMP and CLUTTER are
const STAFF = 'u-staff-guo'; // 古城社区: its teams, partners, the skills table and the calendar
const STREET = 'u-street-li'; // 北大街: what the community could not solve

const nothing = async () => undefined;
/** A first-come service of 古城 of its own, with one slot three days ahead: its id and the slot's. */
const openService = async () => {
  const service = await testService({ seatsPerSlot: 4, reservedPercent: 25 }, { name: '测试理发' });
  const slot = await slotIn(service, 3 * DAY_MS);
  return { service: service.id, slot: slot.id };
};
/** The resident's own booking of a new service's slot. */
const booked = async (userId: string, forResidentId?: string) => {
  const ids = await openService();
  const res = await book(userId, ids.slot, forResidentId ? { forResidentId, consent: true } : {});
  if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${res.text}`);
  return { ...ids, booking: res.body.id as string };
};
/** From the home page to one service's slots, as a resident gets there. */
const toService = async (page: Page, serviceId: string) => {
  await tapButton(page, '预约社区服务');
  await page.locator(`.service-card[data-service-id="${serviceId}"]:visible .open-service`).click();
};
/** From the home page to the residents list, and to the services opened for 王秀英. */
const bookForWang = async (page: Page) => {
  await tapButton(page, '待分派的心愿');
  await tapButton(page, '居民核实');
  await page.locator('.resident-row[data-resident-id="u-res-wang"]:visible .book-for').click();
};
/** Opens the wish a test made, by its card in a list. */
const tapWish = async (page: Page, id: string) => {
  await page.locator(`.wish-card[data-wish-id="${id}"]:visible`).first().locator('.text').first().click();
};
/** A new resident of 古城 who asked to join a team: an application waiting for its lead or the staff. */
const pendingApplication = async (teamId: string, prefix: string) => {
  const [id] = await addResidents(1, prefix);
  const res = await as(id).post(`/teams/${teamId}/applications`, {
    skills: ['electrician'],
    hours: { workday: [{ from: '18:00', to: '21:30' }], restday: [] },
    note: '退休电工,晚上有空',
  });
  if (res.status !== 201) throw new Error(`apply answered ${res.status}: ${res.text}`);
  return { id };
};
/** A wish neither the grid nor the community could solve: on the street's desk. */
const escalatedToStreet = async () => {
  const { wish } = await submit({ ...CLUTTER, description: '院墙外的排水沟堵了,下雨就淹到楼门口' });
  await step(WISH_GRID_WORKER, wish.id, 'escalate', { reason: '需要社区协调' });
  await step(STAFF, wish.id, 'escalate', { reason: '涉及市政排水,需要街道协调' });
  return { id: wish.id };
};
/** Taps a wish card on its description, not its middle: a card in the volunteer inbox holds a claim button. */
const tapCard = async (page: Page, card = '.wish-card:visible') => {
  await page.locator(card).first().locator('.text').first().click();
};

/** The demo council of 古城 (made once per table): the ids of its published, collecting and noticed topics. */
const councilDemo = async () => {
  await seedCouncil();
  const res = await as(STAFF).get('/council/topics');
  if (res.status !== 200) throw new Error(`topics answered ${res.status}: ${res.text}`);
  const id = (title: string) => (res.body.items as { id: string; title: string }[]).find((t) => t.title === title)!.id;
  return { parking: id('古城社区院内停车秩序'), charging: id('东区排房加装电动车充电桩'), stairs: id('12号楼楼道堆物公约') };
};
/** From the home page to one topic of the council: 议事 for a resident, 我的 → 居民议事会 for staff. */
const toTopic = async (page: Page, id: string, staff: boolean) => {
  if (staff) {
    await openTab(page, '我的');
    await tapButton(page, '居民议事会');
  } else await page.locator('.council-entry:visible').click();
  await page.locator(`.topic-card[data-topic-id="${id}"]:visible .open-topic`).click();
};

export const ELDER_PAGES: ElderPage[] = [
  { page: 'pages/login/index', user: null, view: 'the demo accounts', reach: nothing, shown: '.demo-user' },

  {
    page: 'pages/home/index',
    user: RESIDENT,
    view: 'a wish to confirm and open wishes',
    prepare: async () => ({ id: await wishIn('done') }),
    reach: nothing,
    shown: '.wish-card .notice',
  },
  {
    page: 'pages/home/index',
    user: VOLUNTEER,
    view: 'the task entry and the wall',
    reach: nothing,
    shown: '.page .btn:has-text("志愿者任务")',
  },
  {
    page: 'pages/home/index',
    user: GRID_WORKER,
    view: 'the triage entry and the wall',
    reach: nothing,
    shown: '.page .btn:has-text("待分派的心愿")',
  },
  {
    page: 'pages/home/index',
    user: STAFF,
    view: 'the queue entry and the wall',
    reach: nothing,
    shown: '.page .btn:has-text("待分派的心愿")',
  },
  { page: 'pages/home/index', user: STREET, view: "the street's queue entry", reach: nothing, shown: '.street-queue' },

  { page: 'pages/post/index', user: RESIDENT, view: 'the wish form', reach: (p) => openTab(p, '许愿'), shown: '.category' },
  {
    page: 'pages/post/index',
    user: VOLUNTEER,
    view: 'the wish form, their building chosen',
    reach: (p) => openTab(p, '许愿'),
    shown: '.building-chosen',
  },
  {
    page: 'pages/post/index',
    user: GRID_WORKER,
    view: 'the wish form, building picker open',
    reach: (p) => openTab(p, '许愿'),
    shown: '.place-choice',
  },
  {
    page: 'pages/post/index',
    user: STAFF,
    view: 'the wish form, building picker open',
    reach: (p) => openTab(p, '许愿'),
    shown: '.place-choice',
  },
  {
    page: 'pages/post/index',
    user: STREET,
    view: 'the wish form, building picker open',
    reach: (p) => openTab(p, '许愿'),
    shown: '.place-choice',
  },
  {
    page: 'pages/post/index',
    user: RESIDENT,
    view: 'the me-too offer and the shared-place checkbox',
    // A neighbour of another building reported the stairwell light of RESIDENT's building.
    prepare: async () => ({
      id: (
        await submit(
          { description: '1号楼楼道的声控灯不亮了,晚上上楼很黑', category: 'cat-electric', buildingId: 'b-gc-1', shared: true },
          'u-res-wang',
        )
      ).wish.id,
    }),
    reach: async (p) => {
      await openTab(p, '许愿');
      await p.locator('.building-chosen:visible').waitFor();
      await p.locator('.category[data-category="cat-electric"]:visible').click();
    },
    shown: '.me-too .join-wish',
  },
  {
    page: 'pages/post/index',
    user: RESIDENT,
    view: '请回电: the call-back form',
    reach: async (p) => {
      await openTab(p, '许愿');
      await p.locator('.kind-callback:visible').click();
    },
    shown: '.callback-note',
  },

  {
    page: 'pages/mine/index',
    user: RESIDENT,
    view: 'the elder-mode switch and all my wishes',
    prepare: async () => ({ id: await wishIn('routed') }),
    reach: (p) => openTab(p, '我的'),
    shown: '.my-wishes .wish-card',
  },
  {
    page: 'pages/mine/index',
    user: VOLUNTEER,
    view: 'the elder-mode switch and the task entry',
    reach: (p) => openTab(p, '我的'),
    shown: '.elder-switch',
  },
  {
    page: 'pages/mine/index',
    user: GRID_WORKER,
    view: 'the elder-mode switch and the filing entry',
    reach: (p) => openTab(p, '我的'),
    shown: '.file-on-behalf',
  },
  {
    page: 'pages/mine/index',
    user: STAFF,
    view: 'the entries to teams, skills, partners and the calendar',
    reach: (p) => openTab(p, '我的'),
    shown: '.work-calendar',
  },
  {
    page: 'pages/mine/index',
    user: STREET,
    view: "the street's queue, skills and calendar entries",
    reach: (p) => openTab(p, '我的'),
    shown: '.work-calendar',
  },

  {
    page: 'pages/wish/index',
    user: RESIDENT,
    view: 'confirming a done wish: rating, comment',
    prepare: async () => ({ id: await wishIn('done') }),
    reach: (p) => tapCard(p, '.wish-card:visible:has(.notice)'),
    shown: '.action-confirm',
  },
  {
    page: 'pages/wish/index',
    user: VOLUNTEER,
    view: 'a routed wish to claim',
    prepare: async () => ({ id: (await submit(LAMP)).wish.id }),
    reach: async (p) => {
      await tapButton(p, '志愿者任务');
      await tapCard(p);
    },
    shown: '.action-claim',
  },
  {
    page: 'pages/wish/index',
    user: GRID_WORKER,
    view: 'routing from triage: teams, reason, reject, close',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapCard(p);
    },
    shown: '.team-choice',
  },
  {
    page: 'pages/wish/index',
    user: GRID_WORKER,
    view: 'confirming for a resident: the consent checkbox',
    prepare: async () => ({ id: await wishIn('done') }),
    // No list of a grid worker's leads to a done wish: the link a resident would share.
    reach: async (p, data, web) => {
      await p.goto(`${web}/#/pages/wish/index?id=${data.id}`);
    },
    shown: '.act-consent',
  },

  {
    page: 'pages/wish/index',
    user: STAFF,
    view: 'routing from the community queue',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: async (p, data) => {
      await tapButton(p, '待分派的心愿');
      await tapWish(p, data.id);
    },
    shown: '.team-choice',
  },
  {
    page: 'pages/wish/index',
    user: STREET,
    view: 'a wish escalated to the street: send down, route, close',
    prepare: escalatedToStreet,
    reach: async (p, data) => {
      await tapButton(p, '上报到街道的心愿');
      await tapWish(p, data.id);
    },
    shown: '.action-send_down',
  },

  {
    page: 'volunteer/pages/tasks/index',
    user: VOLUNTEER,
    view: 'my claims: the lease countdown and its extension',
    prepare: async () => {
      const { wish } = await submit(LAMP);
      await step(VOLUNTEER, wish.id, 'claim');
      return { id: wish.id };
    },
    reach: async (p) => {
      await tapButton(p, '志愿者任务');
      await p.locator('.tab-mine:visible').click();
    },
    shown: '.wish-card .extend-lease',
  },
  {
    page: 'volunteer/pages/tasks/index',
    user: VOLUNTEER,
    view: 'the inbox with a wish to claim',
    prepare: async () => ({ id: (await submit(LAMP)).wish.id }),
    reach: (p) => tapButton(p, '志愿者任务'),
    shown: '.wish-card .claim',
  },
  {
    page: 'staff/pages/triage/index',
    user: GRID_WORKER,
    view: 'the triage queue',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: (p) => tapButton(p, '待分派的心愿'),
    shown: '.wish-card',
  },
  {
    page: 'staff/pages/triage/index',
    user: STAFF,
    view: 'all the filters open: level, grid, category',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await p.locator('.more-filters:visible').click();
    },
    shown: '.chip-grid',
  },
  {
    page: 'staff/pages/triage/index',
    user: STREET,
    view: "the street's queue, level and clock on each card",
    prepare: escalatedToStreet,
    reach: (p) => tapButton(p, '上报到街道的心愿'),
    shown: '.wish-card .card-level',
  },
  {
    page: 'volunteer/pages/join/index',
    user: RESIDENT,
    view: 'the team directory and the application form',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '加入志愿队伍');
      await p.locator('.team-row .apply:visible').first().click();
    },
    shown: '.send-application',
  },
  {
    page: 'volunteer/pages/join/index',
    user: VOLUNTEER,
    view: 'my teams and my applications',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '加入队伍');
    },
    shown: '.team-applications',
  },
  {
    page: 'volunteer/pages/profile/index',
    user: VOLUNTEER,
    view: 'skills, free hours and the pause switch',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '我的志愿者资料');
    },
    shown: '.save-volunteer',
  },
  {
    page: 'volunteer/pages/team/index',
    user: VOLUNTEER,
    view: "the lead's applications to decide",
    prepare: () => pendingApplication('t-gc-nengren', 'e-applicant-lead'),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '加入队伍');
      await p.locator('.team-row[data-team-id="t-gc-nengren"] .team-applications:visible').click();
    },
    shown: '.application .approve',
  },
  {
    page: 'staff/pages/teams/index',
    user: STAFF,
    view: 'a team being edited and its applications',
    prepare: () => pendingApplication('t-gc-hongmao', 'e-applicant-staff'),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '队伍管理');
      const card = p.locator('.team-card[data-team-id="t-gc-hongmao"]:visible');
      await card.locator('.edit-team').click();
      await card.locator('.show-applications').click();
    },
    shown: '.application .approve',
  },
  {
    page: 'staff/pages/skills/index',
    user: STAFF,
    view: 'the category → skill table, one row changed',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '技能表');
      await p.locator('.category-row[data-category="cat-other"]:visible .skill-of-category input').fill('handyman');
    },
    shown: '.save-category',
  },
  {
    page: 'staff/pages/partners/index',
    user: STAFF,
    view: 'the agreements and the offer form',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '协作社区');
      await p.locator('.partnership:visible').first().waitFor();
      await tapButton(p, '提供我们的队伍给邻近社区');
      await p.locator('.offer-team:visible').first().click();
      await p.locator('.offer-community:visible').first().click();
    },
    shown: '.offer-grid',
  },
  {
    page: 'staff/pages/calendar/index',
    user: STAFF,
    view: 'the years and the time limits (the operator edits the national calendar)',
    readOnly: true,
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '工作日历');
    },
    shown: '.sla-limits',
  },
  {
    page: 'staff/pages/file/index',
    user: GRID_WORKER,
    view: 'choosing the resident',
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '代居民提交心愿');
    },
    shown: '.resident-choice',
  },
  {
    page: 'staff/pages/file/index',
    user: GRID_WORKER,
    view: 'the form with the consent checkbox',
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '代居民提交心愿');
      await p.locator(`.resident-choice[data-resident-id="${RESIDENT}"]`).click();
    },
    shown: '.consent',
  },
  {
    page: 'pages/onboard/index',
    user: RESIDENT,
    view: 'saying who and where they are',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '修改我的信息');
    },
    shown: '.save-profile',
  },
  {
    page: 'pages/inbox/index',
    user: RESIDENT,
    view: 'an unread message',
    prepare: async () => {
      await deliver(
        [{ userId: RESIDENT, kind: 'wish_done', title: '您的心愿已完成,请确认', body: '电路照明·1号楼', link: null }],
        new Date().toISOString(),
      );
      return {};
    },
    reach: (p) => tapButton(p, '消息'),
    shown: '.notification',
  },
  {
    page: 'staff/pages/residents/index',
    user: GRID_WORKER,
    view: 'residents to verify',
    prepare: async () => ({ id: (await addResidents(1, 'e-newcomer', 'b-gc-2', false))[0] }),
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '居民核实');
    },
    shown: '.resident-row',
  },
  {
    page: 'booking/pages/services/index',
    user: RESIDENT,
    view: 'the services and the way to my bookings',
    reach: (p) => tapButton(p, '预约社区服务'),
    shown: '.service-card',
  },
  {
    page: 'booking/pages/services/index',
    user: GRID_WORKER,
    view: 'booking for 王秀英: whose booking it is',
    reach: bookForWang,
    shown: '.assisted-for',
  },
  {
    page: 'booking/pages/service/index',
    user: RESIDENT,
    view: 'slots to book, seats left and held back',
    prepare: openService,
    reach: (p, d) => toService(p, d.service),
    shown: '.slot-card .book',
  },
  {
    page: 'booking/pages/service/index',
    user: GRID_WORKER,
    view: "booking for 王秀英: the resident's consent",
    prepare: openService,
    reach: async (p, d) => {
      await bookForWang(p);
      await p.locator(`.service-card[data-service-id="${d.service}"]:visible .open-service`).click();
    },
    shown: '.consent',
  },
  {
    page: 'booking/pages/mine/index',
    user: RESIDENT,
    view: 'a booking to cancel',
    prepare: () => booked(RESIDENT),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '我的预约');
    },
    shown: '.booking-card[data-status="booked"] .cancel-booking',
  },
  {
    page: 'booking/pages/mine/index',
    user: GRID_WORKER,
    view: 'the bookings made for residents',
    prepare: () => booked(GRID_WORKER, 'u-res-wang'),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '代约记录');
    },
    shown: '.booking-card',
  },
  {
    page: 'booking/pages/booking/index',
    user: RESIDENT,
    view: 'one booking and its history',
    prepare: () => booked(RESIDENT),
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '我的预约');
      await p.locator(`.booking-card[data-booking-id="${d.booking}"]:visible .card-title`).click();
    },
    shown: '.timeline-item',
  },
  {
    page: 'booking/pages/draw/index',
    user: RESIDENT,
    view: 'a published draw with my ticket',
    prepare: async () => {
      const service = await testService(
        { allocation: 'ballot', seatsPerSlot: 2, reservedPercent: 0, ballotHours: 48 },
        { name: '测试义修' },
      );
      const slot = await slotIn(service, 6 * DAY_MS);
      const others = await addResidents(3, 'e-ballot');
      for (const id of [RESIDENT, ...others]) await book(id, slot.id);
      await tickAt(slot.times.ballotClosesAt!);
      return { service: service.id, slot: slot.id, booking: `${slot.id}.${RESIDENT}` };
    },
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '我的预约');
      await p.locator(`.booking-card[data-booking-id="${d.booking}"]:visible .card-title`).click();
      await tapButton(p, '查看抽签名单');
    },
    shown: '.draw-entry.mine',
  },
  {
    page: 'booking/pages/draw/index',
    user: STAFF,
    view: 'a witness before the close: what will happen, and the secret to commit',
    prepare: async () => {
      const { service, slot } = await witnessedBallot(await addResidents(2, 'e-witness'), 'open', []);
      return { service: service.id, slot: slot.id };
    },
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '服务管理');
      await p.locator(`.manage-service[data-service-id="${d.service}"]:visible .service-slots`).click();
      await p.locator(`.slot-card[data-slot-id="${d.slot}"]:visible .see-draw`).click();
      await p.locator('.make-secret:visible').click();
    },
    shown: '.commit-secret',
  },
  {
    page: 'booking/pages/draw/index',
    user: RESIDENT,
    view: 'a witnessed draw, every input, checked on the phone',
    prepare: async () => {
      const { slot } = await witnessedBallot([RESIDENT, ...(await addResidents(3, 'e-witnessed'))], 'drawn');
      return { booking: `${slot.id}.${RESIDENT}` };
    },
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '我的预约');
      await p.locator(`.booking-card[data-booking-id="${d.booking}"]:visible .card-title`).click();
      await tapButton(p, '查看抽签名单');
      await p.locator('.check-draw:visible').click();
    },
    shown: '.check-summary',
  },
  {
    page: 'booking/pages/print/index',
    user: RESIDENT,
    view: 'the printable sheet of a witnessed draw',
    prepare: async () => {
      const { slot } = await witnessedBallot([RESIDENT, ...(await addResidents(3, 'e-sheet'))], 'drawn');
      return { booking: `${slot.id}.${RESIDENT}` };
    },
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '我的预约');
      await p.locator(`.booking-card[data-booking-id="${d.booking}"]:visible .card-title`).click();
      await tapButton(p, '查看抽签名单');
      // The page has slid in and shows the draw before its last button is tapped.
      await p.locator('.draw-entry:visible').first().waitFor();
      await p.waitForLoadState('networkidle');
      await p.locator('.open-print:visible').click();
    },
    shown: '.draw-sheet .sheet-entry',
  },
  {
    page: 'booking/pages/roster/index',
    user: VOLUNTEER,
    view: 'a slot starting soon opened, someone to check in',
    prepare: async () => {
      // Provided by 张师傅's team, so he is the one who checks people in.
      const service = await testService(
        { closes: { hoursBefore: 0 }, reservedPercent: 0 },
        { name: '测试签到', teamId: 't-gc-nengren', teamName: '古城能人库' },
      );
      const { slot, tomorrow } = await startingSoon(service);
      const res = await book(RESIDENT, slot.id);
      if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${res.text}`);
      return { slot: slot.id, day: tomorrow ? '明天' : '今天' };
    },
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '服务签到');
      await p.locator('.roster-day:visible').filter({ hasText: d.day }).click();
      await p.locator(`.roster-slot[data-slot-id="${d.slot}"]:visible .open-roster`).click();
    },
    shown: '.roster-row .check-in',
  },
  {
    page: 'booking/pages/manage/index',
    user: STAFF,
    view: "each service's seats, weekly times and switch",
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '服务管理');
    },
    shown: '.manage-service .save-service',
  },
  {
    page: 'council/pages/topics/index',
    user: RESIDENT,
    view: 'the topics, each with its seven-step bar',
    prepare: councilDemo,
    reach: (p) => p.locator('.council-entry:visible').click(),
    shown: '.topic-card .council-step.current',
  },
  {
    page: 'council/pages/topics/index',
    user: STAFF,
    view: 'the topics and the way to raise one',
    prepare: councilDemo,
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '居民议事会');
    },
    shown: '.raise-topic',
  },
  {
    page: 'council/pages/topic/index',
    user: RESIDENT,
    view: 'collecting opinions: support and the opinion form',
    prepare: councilDemo,
    reach: (p, d) => toTopic(p, d.charging, false),
    shown: '.opinion-form .send-opinion',
  },
  {
    page: 'council/pages/topic/index',
    user: RESIDENT,
    view: 'a noticed meeting: the seats left, 报名列席, comments on each plan',
    prepare: councilDemo,
    reach: (p, d) => toTopic(p, d.stairs, false),
    shown: '.attendance .attend-meeting',
  },
  {
    page: 'council/pages/topic/index',
    user: STAFF,
    view: 'a published result: the meeting record, the tasks done',
    prepare: councilDemo,
    reach: (p, d) => toTopic(p, d.parking, true),
    shown: '.topic-result .print-result',
  },
  {
    page: 'council/pages/act/index',
    user: STAFF,
    view: 'recording the meeting: a large tap per member present, the votes, the minutes',
    prepare: councilDemo,
    reach: async (p, d) => {
      await toTopic(p, d.stairs, true);
      await p.locator('.move-topic:visible').click();
      await p.locator('.attendee:visible').first().click();
    },
    shown: '.attendee.selected',
  },
  {
    page: 'council/pages/act/index',
    user: STAFF,
    view: 'collecting: confirm with a summary or decline with a reason',
    prepare: councilDemo,
    reach: async (p, d) => {
      await toTopic(p, d.charging, true);
      await p.locator('.move-topic:visible').click();
    },
    shown: '.send-confirm',
  },
  {
    page: 'council/pages/board/index',
    user: RESIDENT,
    view: 'the meeting notice and the published result',
    prepare: councilDemo,
    reach: async (p) => {
      await p.locator('.council-entry:visible').click();
      await tapButton(p, '公告栏');
    },
    shown: '.board-entry .print-entry',
  },
  {
    page: 'council/pages/print/index',
    user: RESIDENT,
    view: 'the printable meeting notice',
    prepare: councilDemo,
    reach: async (p, d) => {
      await p.locator('.council-entry:visible').click();
      await tapButton(p, '公告栏');
      await p.locator(`.board-entry[data-topic-id="${d.stairs}"][data-kind="notice"] .print-entry:visible`).click();
    },
    shown: '.print-sheet .print-agenda',
  },
  {
    page: 'council/pages/raise/index',
    user: GRID_WORKER,
    view: 'a topic raised from the triage queue: the form and the wishes',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: async (p) => {
      await tapButton(p, '待分派的心愿');
      await tapButton(p, '转入居民议事会');
    },
    shown: '.raise-wish',
  },
  {
    page: 'booking/pages/service/index',
    user: STAFF,
    view: 'closing a slot: the reason the people booked are told',
    prepare: openService,
    reach: async (p, d) => {
      await openTab(p, '我的');
      await tapButton(p, '服务管理');
      await p.locator(`.manage-service[data-service-id="${d.service}"]:visible .service-slots`).click();
      await p.locator(`.slot-card[data-slot-id="${d.slot}"]:visible .close-slot`).click();
    },
    shown: '.close-slot-form .close-reason',
  },
  {
    page: 'figures/pages/dashboard/index',
    user: STAFF,
    view: "古城's month: six figures with their parts, the counts, the trend and the grids with their tables",
    prepare: async () => ({ id: await wishIn('confirmed') }),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
    },
    shown: '.compare-item .compare-rate',
  },
  {
    page: 'figures/pages/dashboard/index',
    user: GRID_WORKER,
    view: "a figure's definition opened behind its ⓘ, the grid chips",
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
      await p.locator('.figure-card[data-figure="onTime"] .figure-info:visible').click();
    },
    shown: '.figure-definition',
  },
  {
    page: 'figures/pages/wishes/index',
    user: STAFF,
    view: 'the wishes behind 按期处置率, names masked',
    prepare: async () => ({ id: await wishIn('done') }),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
      await p.locator('.figure-card[data-figure="onTime"] .part-denominator:visible').click();
    },
    shown: '.figure-wish',
  },
  {
    page: 'figures/pages/wishes/index',
    user: STAFF,
    view: 'the wishes a count counts (上报过的心愿), names masked',
    prepare: async () => {
      const { wish } = await submit(CLUTTER);
      await step(WISH_GRID_WORKER, wish.id, 'escalate', { reason: '需要社区协调' });
      return { id: wish.id };
    },
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
      await p.locator('.count-row.count-escalated:visible').click();
    },
    shown: '.figure-wish',
  },
  {
    page: 'figures/pages/lists/index',
    user: STAFF,
    view: '需求清单: a row per category and grid, opened to its wishes',
    prepare: async () => ({ id: await wishIn('submitted') }),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
      await tapButton(p, '三个清单(需求、资源、问题)');
      await p.locator('.need-row:visible').first().click();
    },
    shown: '.need .list-wish',
  },
  {
    page: 'figures/pages/lists/index',
    user: STAFF,
    view: '资源清单: the teams with their free hours, a team opened to its members, the services',
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
      await tapButton(p, '三个清单(需求、资源、问题)');
      await p.locator('.list-tab[data-tab="resources"]:visible').click();
      await p.locator('.team[data-team-id="t-gc-nengren"] .team-row:visible').click();
    },
    shown: '.team-member',
  },
  {
    page: 'figures/pages/lists/index',
    user: GRID_WORKER,
    view: '问题清单: the stuck wishes of the grid with their reasons',
    prepare: async () => {
      const { wish } = await submit(CLUTTER);
      await step(WISH_GRID_WORKER, wish.id, 'escalate', { reason: '需要社区协调' });
      return { id: wish.id };
    },
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '数据看板');
      await tapButton(p, '三个清单(需求、资源、问题)');
      await p.locator('.list-tab[data-tab="problems"]:visible').click();
    },
    shown: '.problems-list .problem-reasons',
  },
  {
    page: 'figures/pages/report/index',
    user: RESIDENT,
    view: 'the monthly report opened from the wall: received and resolved, the rates, by category',
    prepare: async () => ({ id: await wishIn('confirmed') }),
    reach: async (p) => {
      await tapButton(p, '查看月度报告(可打印)');
    },
    shown: '.report-sheet .report-category',
  },
  {
    page: 'volunteer/pages/credits/index',
    user: VOLUNTEER,
    view: 'the balance and the entries of a confirmed task',
    prepare: async () => ({ id: await wishIn('confirmed') }),
    reach: async (p) => {
      await openTab(p, '我的');
      await tapButton(p, '我的积分');
    },
    shown: '.credit-entry',
  },
];
