import { rankTeams, automaticChoice, noRouteReason } from '../shared/domain/routing';
import { withClock, type ClockContext } from '../shared/domain/sla';
import { newWish } from '../shared/domain/wish-create';
import { applyAction } from '../shared/domain/wish-transition';
import type { CalendarYear } from '../shared/schemas/calendar';
import { DEFAULT_SLA } from '../shared/schemas/sla';
import type { Wish, WishEvent } from '../shared/schemas/wishes';
import { ActionBodies } from '../shared/schemas/wishes';
import { loadWrites } from '../functions/data/loads';
import { savePartnership } from '../functions/data/partnerships';
import { putCategory, putPlace } from '../functions/data/places';
import { putCalendarYear } from '../functions/data/settings';
import { putTeam } from '../functions/data/teams';
import { isCancelled } from '../functions/data/transactions';
import { putUser } from '../functions/data/users';
import { createWish } from '../functions/data/wishes';
import { calendarYearFromPackage } from './calendar-data';
import { CATEGORIES, PARTNERSHIPS, PLACES, TEAMS, USERS } from './demo-data';
import { DEMO_WISHES, workingMinutesBefore, type DemoWish } from './demo-wishes';
import { seedBooking } from './demo-booking';
import { seedCouncil } from './demo/council';

/** Replays a demo wish through the same pure domain the API uses, so its timeline and clocks are real ones. */
function buildDemoWish(demo: DemoWish, ctx: ClockContext): { wish: Wish; events: WishEvent[] } {
  const owner = USERS.find((u) => u.id === demo.ownerId)!;
  const building = PLACES.find((p) => p.id === demo.buildingId)!;
  const category = CATEGORIES.find((c) => c.id === demo.category)!;
  const start = 'working' in demo.ago ? workingMinutesBefore(ctx.now, demo.ago.working, ctx.calendar) : ctx.now - demo.ago.minutes * 60_000;
  const grid = PLACES.find((p) => p.id === building.gridId)!;
  const communityName = PLACES.find((p) => p.id === building.communityId)!.name;
  const ranked = rankTeams(
    { skill: category.skill, gridId: grid.id, gridName: grid.name, communityId: building.communityId!, communityName, sentBackBy: [] },
    TEAMS.map((team) => ({ team, load: { active: 0, members: {} } })),
    PARTNERSHIPS,
    start,
    ctx.calendar,
  );
  const chosen = automaticChoice(ranked);
  let { wish, events } = newWish({
    id: demo.id,
    now: new Date(start).toISOString(),
    owner,
    filer: null,
    building,
    category,
    kind: demo.kind ?? 'wish',
    description: demo.description,
    flat: undefined,
    urgency: 'normal',
    shared: demo.shared ?? false,
    clock: { ...ctx, now: start },
    route: chosen
      ? { team: TEAMS.find((t) => t.id === chosen.teamId)!, candidate: chosen }
      : { none: noRouteReason(category, ranked, category.name) },
  });
  let at = start;
  for (const step of demo.then) {
    at += step.after * 60_000;
    const actor = USERS.find((u) => u.id === step.by)!;
    const body = ActionBodies[step.action].parse(step.body);
    const next = applyAction(wish, { action: step.action, body, actor, now: new Date(at).toISOString(), clock: { ...ctx, now: at } });
    wish = next.wish;
    events = [...events, next.event];
  }
  return { wish: withClock(wish, ctx), events };
}

/** The calendar years the chinese-days package has, from last year on. */
function packageCalendar(now: Date): CalendarYear[] {
  const year = now.getUTCFullYear();
  return [year - 1, year, year + 1].flatMap((y) => calendarYearFromPackage(y, now.toISOString()) ?? []);
}

/**
 * Writes the demo data. Reference data is overwritten with the same values (a calendar year staff have
 * edited is left alone); demo wishes are created only when missing, so a second start keeps whatever
 * happened to them, with their clocks timed back from the first start. With `council`, the residents'
 * council's roster and three demo topics (for people trying the app: the test tables start without them, so
 * each test file's topics and noticeboard are its own).
 */
export async function seedDemoData(
  now = new Date(),
  options: { council?: boolean } = {},
): Promise<{ users: number; wishesCreated: number; topicsCreated: number }> {
  const years = packageCalendar(now);
  await Promise.all([
    ...PLACES.map(putPlace),
    ...CATEGORIES.map(putCategory),
    ...TEAMS.map(putTeam),
    ...USERS.map(putUser),
    ...PARTNERSHIPS.map((p) => savePartnership(p, null)),
    ...years.map(putCalendarYear),
  ]);
  const ctx: ClockContext = { limits: DEFAULT_SLA, calendar: new Map(years.map((y) => [y.year, y])), now: now.getTime() };
  let wishesCreated = 0;
  for (const demo of DEMO_WISHES) {
    const { wish, events } = buildDemoWish(demo, ctx);
    const unclaimed: Wish = { ...wish, status: 'submitted', claimantId: null };
    try {
      await createWish(wish, events, loadWrites(unclaimed, wish).items);
      wishesCreated++;
    } catch (error) {
      if (!isCancelled(error)) throw error;
    }
  }
  await seedBooking();
  const { topicsCreated } = options.council ? await seedCouncil(now) : { topicsCreated: 0 };
  return { users: USERS.length, wishesCreated, topicsCreated };
}
