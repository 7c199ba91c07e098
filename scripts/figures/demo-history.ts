import { creditPuts } from '../../functions/data/credits';
import { withFigureFacts } from '../../functions/data/figures';
import { loadWrites } from '../../functions/data/loads';
import { getPlace } from '../../functions/data/places';
import { clockContext } from '../../functions/data/settings';
import { isCancelled } from '../../functions/data/transactions';
import { getUser, putUser } from '../../functions/data/users';
import { createWish } from '../../functions/data/wishes';
import { atBeijing, beijingMonth } from '../../shared/domain/beijing-time';
import { creditFor, DEFAULT_CREDIT_POINTS } from '../../shared/domain/credits';
import { monthsUpTo } from '../../shared/domain/figures';
import { automaticChoice, noRouteReason, rankTeams } from '../../shared/domain/routing';
import { dueActions, warnId, withClock, type ClockContext } from '../../shared/domain/sla';
import { newWish } from '../../shared/domain/wish-create';
import { isAwaitingConfirmation, isOpen } from '../../shared/domain/wish-machine';
import { applyAction, applySystemAction, overdueAt, type Transition } from '../../shared/domain/wish-transition';
import type { User } from '../../shared/schemas/users';
import { ActionBodies, type UserAction, type Wish, type WishEvent } from '../../shared/schemas/wishes';
import type { TransactItem } from '../../functions/data/transactions';
import { CATEGORIES, PARTNERSHIPS, PLACES, TEAMS, USERS } from '../demo-data';

/**
 * A few months of history for 古城's five grids, so the figures, the trend and the comparison are not empty on a new
 * install. Every wish is played through the same pure domain the API runs (routing, the clocks as tick would have
 * run them at each deadline, every person's action), its events carry the facts the figures read, and it is written
 * through `createWish()`, which counts it by the same definition as any other: the figures are the honest result of
 * the history, not numbers typed in. 第四网格 is worse, honestly: its wishes are claimed and finished later, closed
 * unfixed and disputed more often, rated lower, and a few of last month's that no team could take still wait past
 * their deadlines.
 *
 * Deterministic (a seeded random sequence) for the months before the one it runs in; written once (its residents
 * mark it), so a second `npm start` adds nothing.
 */

const MONTHS = 5;
const STREET = 'st-beidajie';

/** mulberry32: the same sequence on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Profile {
  /** Chance a claim (or a hand routing from triage) waits past its stage's limit. */
  slow: number;
  /** Chance the work is finished after the done deadline. */
  late: number;
  closeUnfixed: number;
  dispute: number;
  /** Chance the resident never confirms (the clock does, after a week). */
  silent: number;
  sendBack: number;
  ratings: number[];
}
const GOOD: Profile = {
  slow: 0.05,
  late: 0.06,
  closeUnfixed: 0.04,
  dispute: 0.05,
  silent: 0.12,
  sendBack: 0.04,
  ratings: [5, 5, 5, 4, 4, 5, 3, 5],
};
const WORSE: Profile = {
  slow: 0.6,
  late: 0.5,
  closeUnfixed: 0.2,
  dispute: 0.25,
  silent: 0.2,
  sendBack: 0.15,
  ratings: [4, 3, 2, 3, 1, 3, 4, 2],
};

const GRIDS: { id: string; buildings: string[]; worker: string; profile: Profile; perMonth: number }[] = [
  { id: 'g-gucheng-1', buildings: ['b-gc-1', 'b-gc-2', 'b-gc-3'], worker: 'u-grid-sun', profile: GOOD, perMonth: 8 },
  { id: 'g-gucheng-2', buildings: ['b-gc-6', 'b-gc-7'], worker: 'u-grid-sun', profile: GOOD, perMonth: 6 },
  { id: 'g-gucheng-3', buildings: ['b-gc-12', 'b-gc-east'], worker: 'u-grid-zhou', profile: GOOD, perMonth: 6 },
  { id: 'g-gucheng-4', buildings: ['b-gc-20', 'b-gc-west'], worker: 'u-grid-zhou', profile: WORSE, perMonth: 8 },
  { id: 'g-gucheng-5', buildings: ['b-gc-33', 'b-gc-39'], worker: 'u-grid-zhou', profile: GOOD, perMonth: 5 },
];

/** Residents of the history, two per grid: not demo accounts, so the demo residents' own lists stay short. */
const RESIDENT_NAMES = ['陈桂芝', '刘玉兰', '杨建华', '黄秀珍', '吴国强', '周淑英', '徐志明', '孙凤英', '马春生', '朱丽华'];
function historyResidents(): User[] {
  return GRIDS.flatMap((g, gi) =>
    [0, 1].map((k) => {
      const building = PLACES.find((p) => p.id === g.buildings[k % g.buildings.length])!;
      return {
        ...USERS.find((u) => u.id === 'u-res-li')!,
        id: `u-hist-${gi + 1}-${k + 1}`,
        name: RESIDENT_NAMES[gi * 2 + k],
        phone: `1380000${String(1000 + gi * 10 + k)}`,
        home: { streetId: STREET, communityId: 'c-gucheng', gridId: g.id, buildingId: building.id, flat: `${k + 1}单元${101 + gi}` },
        birthYear: 1950 + gi * 3 + k,
        demo: false,
      };
    }),
  );
}

const CATEGORY_MIX = ['cat-electric', 'cat-electric', 'cat-plumbing', 'cat-lock', 'cat-appliance', 'cat-visit', 'cat-other'];
const WORDS: Record<string, string> = {
  'cat-electric': '家里的灯不亮了,想请师傅看看线路',
  'cat-plumbing': '厨房下水道堵了,水下不去',
  'cat-lock': '防盗门锁坏了,钥匙拧不动',
  'cat-appliance': '洗衣机不转了,想请师傅修一修',
  'cat-visit': '老人独居,希望有人常来看看',
  'cat-other': '楼道里的杂物需要清理',
};

const PEOPLE = new Map([...USERS, ...historyResidents()].map((u) => [u.id, u]));
const userOf = (id: string): User => PEOPLE.get(id)!;
/** Who acts for the office at the wish's level: the grid's worker, the community's staff, the street's. */
const MANAGER = { community: 'u-staff-guo', street: 'u-street-li' } as const;
const MINUTE = 60_000;

/** One wish played from submission to `until`: the clock runs at each of its deadlines, as tick would have. */
class Play {
  events: WishEvent[] = [];
  credits: TransactItem[] = [];
  constructor(
    public wish: Wish,
    first: WishEvent[],
    private readonly ctx: ClockContext,
    private readonly until: number,
    private readonly gridWorker: string,
  ) {
    this.events = first.map((e) => withFigureFacts(null, wish, e));
  }

  private at = (ms: number): ClockContext => ({ ...this.ctx, now: ms });

  private record(previous: Wish, next: Transition) {
    const credit = creditFor(previous, next.wish, next.event.at, DEFAULT_CREDIT_POINTS);
    if (credit) this.credits.push(...creditPuts(credit));
    this.events.push(withFigureFacts(previous, next.wish, next.event));
    this.wish = next.wish;
  }

  /** What tick would have done by `t`: every clock that ran out, at the moment it did. */
  clockTo(t: number) {
    for (let guard = 0; guard < 40 && this.wish.dueAt && Date.parse(this.wish.dueAt) <= t; guard++) {
      const moment = Date.parse(this.wish.dueAt);
      const iso = new Date(moment).toISOString();
      const due = dueActions(this.wish, this.at(moment))[0];
      if (!due) this.wish = withClock(this.wish, this.at(moment));
      else if (due.kind === 'warn_lease')
        this.wish = withClock({ ...this.wish, escalated: [...this.wish.escalated, warnId(due.clock)] }, this.at(moment));
      else if (due.kind === 'note_overdue') this.record(this.wish, overdueAt(this.wish, due.clock, iso, this.at(moment)));
      else {
        const action =
          due.kind === 'escalate' ? { kind: 'escalate' as const, clockId: due.clock.id, clockName: due.clock.name } : { kind: due.kind };
        this.record(this.wish, applySystemAction(this.wish, action, iso, this.at(moment)));
      }
    }
  }

  /** A person's action at `t`, after the clock has done what it would have; false once past the history's end. */
  act(t: number, who: string, action: UserAction, body: Record<string, unknown> = {}, team?: { id: string; name: string }): boolean {
    if (t > this.until || !isOpen(this.wish.status)) return false;
    this.clockTo(t);
    if (!isOpen(this.wish.status)) return false;
    const actor = who === 'manager' ? (this.wish.level === 'grid' ? this.gridWorker : MANAGER[this.wish.level]) : who;
    const next = applyAction(this.wish, {
      action,
      body: ActionBodies[action].parse(team ? { ...body, teamId: team.id } : body),
      actor: userOf(actor),
      now: new Date(t).toISOString(),
      clock: this.at(t),
      ...(team ? { route: { team } } : {}),
    });
    this.record(this.wish, next);
    return true;
  }
}

const teamWith = (skill: string | null, gridId: string) =>
  TEAMS.find(
    (t) => skill && t.skills.includes(skill) && (t.gridIds.length === 0 || t.gridIds.includes(gridId)) && t.kind !== 'co_building_unit',
  ) ?? null;

/** Plays every wish of the history; what `createWish()` then writes. */
export async function demoHistory(now: Date): Promise<{ wish: Wish; events: WishEvent[]; extra: TransactItem[] }[]> {
  const ctx = await clockContext(now, STREET);
  const until = now.getTime() - 60 * MINUTE;
  const months = monthsUpTo(beijingMonth(now.getTime()), MONTHS + 1).slice(0, MONTHS);
  const residents = historyResidents();
  const community = PLACES.find((p) => p.id === 'c-gucheng')!;
  const out: { wish: Wish; events: WishEvent[]; extra: TransactItem[] }[] = [];
  const rnd = random(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);

  for (const month of months) {
    for (const [gi, grid] of GRIDS.entries()) {
      const gridPlace = PLACES.find((p) => p.id === grid.id)!;
      const p = grid.profile;
      for (let n = 0; n < grid.perMonth; n++) {
        const day = String(1 + Math.floor(rnd() * 26)).padStart(2, '0');
        const created = atBeijing(
          `${month}-${day}`,
          `${String(8 + Math.floor(rnd() * 10)).padStart(2, '0')}:${pick(['05', '20', '35', '50'])}`,
        );
        if (created > until) continue;
        const owner = residents[gi * 2 + (n % 2)];
        const categoryId = pick(CATEGORY_MIX);
        const buildingId = pick(grid.buildings);
        const category = CATEGORIES.find((c) => c.id === categoryId)!;
        const building = PLACES.find((b) => b.id === buildingId)!;
        const proxy = rnd() < 0.15;
        const at = { ...ctx, now: created };
        const ranked = rankTeams(
          {
            skill: category.skill,
            gridId: grid.id,
            gridName: gridPlace.name,
            communityId: community.id,
            communityName: community.name,
            sentBackBy: [],
          },
          TEAMS.map((team) => ({ team, load: { active: 0, members: {} } })),
          PARTNERSHIPS,
          created,
          ctx.calendar,
        );
        const chosen = automaticChoice(ranked);
        const first = newWish({
          id: `w-hist-${month.replace('-', '')}-${gi + 1}-${n + 1}`,
          now: new Date(created).toISOString(),
          owner,
          filer: proxy ? userOf(grid.worker) : null,
          building,
          category,
          kind: 'wish',
          description: WORDS[category.id],
          flat: undefined,
          urgency: 'normal',
          shared: false,
          clock: at,
          route: chosen
            ? { team: TEAMS.find((t) => t.id === chosen.teamId)!, candidate: chosen }
            : { none: noRouteReason(category, ranked, category.name) },
        });
        const play = new Play(first.wish, first.events, ctx, until, grid.worker);
        let t = created;
        const later = (lo: number, hi: number) => {
          t += between(lo, hi) * MINUTE;
          return t;
        };
        const slow = rnd() < p.slow;
        // Triage: the grid worker routes it to a team with the skill, or closes what nobody can do.
        if (!play.wish.teamId) {
          const team = teamWith(category.skill, grid.id);
          // Last month's slow ones in the worse grid still wait past their deadlines.
          if (!team && p === WORSE && month === months.at(-1) && n < 3) {
            play.clockTo(until);
            out.push({ wish: withClock(play.wish, { ...ctx, now: now.getTime() }), events: play.events, extra: [] });
            continue;
          }
          if (!team || rnd() < 0.1) {
            const reject = rnd() < 0.4;
            play.act(later(slow ? 60 : 5, slow ? 600 : 25), 'manager', reject ? 'reject' : 'close', {
              reason: reject ? '不属于微心愿范围' : '需物业统一处理',
            });
          } else play.act(later(slow ? 40 : 5, slow ? 300 : 25), 'manager', 'route', { reason: '网格员人工派单' }, team);
        }
        const team = play.wish.teamId ? TEAMS.find((x) => x.id === play.wish.teamId)! : null;
        if (team && rnd() < p.sendBack) {
          const member = team.members[0].userId;
          play.act(later(30, 200), member, 'send_back', { reason: '这个活我们队做不了' });
          const other = TEAMS.find(
            (x) => x.id !== team.id && category.skill && x.skills.includes(category.skill) && x.kind !== 'co_building_unit',
          );
          if (other) play.act(later(10, 60), 'manager', 'route', { reason: '改派其他队伍' }, other);
          else play.act(later(10, 60), 'manager', 'close', { reason: '暂时没有队伍能做' });
        }
        const holder = play.wish.teamId ? TEAMS.find((x) => x.id === play.wish.teamId)! : null;
        if (holder && isOpen(play.wish.status)) {
          if (rnd() < p.closeUnfixed) {
            play.act(later(60, 2000), 'manager', 'close', { reason: '需要整体改造,志愿者无法解决' });
          } else {
            const volunteer = pick(holder.members).userId;
            play.act(later(slow ? 1500 : 15, slow ? 4000 : 300), volunteer, 'claim');
            play.act(later(10, 90), volunteer, 'start');
            const late = rnd() < p.late;
            play.act(later(late ? 4500 : 60, late ? 9000 : 1800), volunteer, 'complete', { note: '已处理' });
            if (rnd() < p.dispute) {
              play.act(later(60, 600), owner.id, 'dispute', { reason: '还是有问题' });
              play.act(later(120, 1500), volunteer, 'complete', { note: '返工处理好了' });
            }
            if (isAwaitingConfirmation(play.wish.status) && rnd() >= p.silent) {
              play.act(later(60, 3000), owner.id, 'confirm', { rating: pick(p.ratings), wall: 'hidden' });
            }
          }
        }
        // Whatever was still to happen by now, the clock did (a week's silence confirms it).
        play.clockTo(until);
        const unclaimed: Wish = { ...play.wish, status: 'submitted', claimantId: null };
        out.push({
          wish: withClock(play.wish, { ...ctx, now: now.getTime() }),
          events: play.events,
          extra: [...loadWrites(unclaimed, play.wish).items, ...play.credits],
        });
      }
    }
  }
  return out;
}

/** Writes the history once: its residents, then every wish through `createWish()` (which counts it). */
export async function seedDemoHistory(now = new Date()): Promise<{ wishes: number }> {
  const residents = historyResidents();
  if (await getUser(residents.at(-1)!.id)) return { wishes: 0 };
  if (!(await getPlace('g-gucheng-4'))) throw new Error('seed the demo data first');
  let written = 0;
  for (const { wish, events, extra } of await demoHistory(now)) {
    try {
      await createWish(wish, events, extra);
      written++;
    } catch (error) {
      if (!isCancelled(error)) throw error;
    }
  }
  await Promise.all(residents.map(putUser));
  return { wishes: written };
}
