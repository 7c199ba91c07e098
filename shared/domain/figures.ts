import {
  COUNT_KEYS,
  type CountKey,
  type Counts,
  FIGURE_KEYS,
  type Figure,
  type FigureEvent,
  type FigureKey,
  type Figures,
} from '../schemas/figures';
import type { ClockName } from './sla';
import type { Wish, WishEvent } from '../schemas/wishes';
import { beijingMonth } from './beijing-time';
import { isClosedUnfixed, isFulfilled, isMerged, isOpen, isRejected, isWorkDone } from './wish-machine';

/**
 * What one wish contributes to the figures of its month (Beijing time of submission), from the wish and its
 * timeline and nothing else: no clock is read, so the same wish and events always give the same contribution,
 * whether the data layer counts it as it is written or the rebuild recounts it. docs/figures.md is the
 * definition in words; this module is the definition in code. Pure.
 */

/**
 * A counter's name: `<figure>_n` / `<figure>_d` for a numerator and denominator, `c_<count>` for a count, and
 * `cat_<category>_s` / `cat_<category>_r` for the wishes of a category received (submitted) and resolved (confirmed
 * or auto-confirmed): the monthly report's "by category".
 */
export type CategoryTallyKey = `cat_${string}_${'s' | 'r'}`;
export type TallyKey = `${FigureKey}_${'n' | 'd'}` | `c_${CountKey}` | CategoryTallyKey;
export type Tally = Partial<Record<TallyKey, number>>;

/** The name of a drill-down list: a figure's, or a count's (`c_<count>`: the wishes it counts). */
export type ListName = FigureKey | `c_${CountKey}`;
/** A wish's place in a drill-down list: counted in a figure's numerator, or missing from it; or counted in a count (`n`). */
export type Mark = `${FigureKey}:${'n' | 'm'}` | `c_${CountKey}:n`;

const CATEGORY_KEY = /^cat_(.+)_([sr])$/;
/** Whether an attribute of a counter item is one of its counters. */
export const isTallyKey = (k: string): k is TallyKey => (TALLY_KEYS as readonly string[]).includes(k) || CATEGORY_KEY.test(k);

/** Where a contribution is counted: the wish's grid (its community and street sum their grids), or a team. */
export interface Cell {
  scope: 'grid' | 'team';
  id: string;
  tally: Tally;
  marks: Mark[];
}

export interface Contribution {
  wishId: string;
  month: string;
  createdAt: string;
  gridId: string;
  communityId: string;
  streetId: string;
  cells: Cell[];
}

export type FigureWishFields = Pick<
  Wish,
  'id' | 'status' | 'category' | 'createdAt' | 'gridId' | 'communityId' | 'streetId' | 'teamId' | 'rating' | 'doneAt' | 'doneBy' | 'filedBy'
>;
export type FigureTimeline = readonly Pick<FigureEvent, 'seq' | 'action' | 'actorRole' | 'note' | 'team' | 'doneBy' | 'clock'>[];

/** The actions by which a person first acts on a wish (响应): automatic routing is not one. */
const RESPONSE_ACTIONS = new Set<string>(['claim', 'route', 'resolve', 'close', 'reject']);
/** The clocks that wait for a first person: 派单 while in triage, 认领 once routed ("the claim stage"). */
const WAITING_CLOCKS = new Set<ClockName>(['route', 'claim']);
/** Clock names as tick wrote them in notes before events carried the clock (「认领」已超时). */
const CLOCK_BY_LABEL: Record<string, ClockName> = { 派单: 'route', 认领: 'claim', 开始处理: 'lease', 办结: 'done', 确认: 'confirm' };

const isSystem = (e: FigureTimeline[number]) => e.actorRole === 'system';

/** The clock whose end a clock's own event records (an escalation by tick, or `overdue` at the street). */
export function clockOfEvent(e: FigureTimeline[number]): ClockName | null {
  if (!isSystem(e) || (e.action !== 'escalate' && e.action !== 'overdue')) return null;
  if (e.clock) return e.clock;
  const label = /^「(.+?)」已超时/.exec(e.note ?? '')?.[1];
  return label ? (CLOCK_BY_LABEL[label] ?? null) : null;
}

/**
 * The facts the figures need that an event does not otherwise say, recorded on it as it is written: the team
 * it concerns (the wish's team after it, or before it when it took the wish away: a send-back), the done
 * deadline in force when it happened, and for the clock's own events which clock ran out (the run the wish's
 * `escalated` gained).
 */
export function figureFacts(
  previous: Pick<Wish, 'teamId' | 'doneBy' | 'escalated'> | null,
  wish: Pick<Wish, 'teamId' | 'doneBy' | 'escalated'>,
  event: Pick<WishEvent, 'action' | 'actorRole'>,
): { team: string | null; doneBy: string | null; clock?: ClockName } {
  const team = event.action === 'submit' ? null : (wish.teamId ?? previous?.teamId ?? null);
  const doneBy = previous ? previous.doneBy : wish.doneBy;
  if (event.actorRole !== 'system' || (event.action !== 'escalate' && event.action !== 'overdue')) return { team, doneBy };
  const run = wish.escalated.find((id) => !(previous?.escalated ?? []).includes(id));
  const clock = run?.split('@')[0] as ClockName | undefined;
  return clock ? { team, doneBy, clock } : { team, doneBy };
}

const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;

function put(tally: Tally, key: TallyKey, n = 1) {
  if (n) tally[key] = (tally[key] ?? 0) + n;
}

/** One figure: in the denominator or not, and if so in the numerator or not. */
function figure(tally: Tally, marks: Mark[], key: FigureKey, inDenominator: boolean, inNumerator: boolean) {
  if (!inDenominator) return;
  put(tally, `${key}_d`);
  if (inNumerator) put(tally, `${key}_n`);
  marks.push(`${key}:${inNumerator ? 'n' : 'm'}`);
}

/** What a wish contributes to its month's figures and counts, in its grid and in the teams concerned. */
export function contributionOf(wish: FigureWishFields, timeline: FigureTimeline): Contribution {
  const base = {
    wishId: wish.id,
    month: beijingMonth(Date.parse(wish.createdAt)),
    createdAt: wish.createdAt,
    gridId: wish.gridId,
    communityId: wish.communityId,
    streetId: wish.streetId,
  };
  // A merged wish counts in the wish it joined: here only as merged.
  if (isMerged(wish.status)) return { ...base, cells: [{ scope: 'grid', id: wish.gridId, tally: { c_merged: 1 }, marks: ['c_merged:n'] }] };

  const events = [...timeline].sort(bySeq);
  const has = (action: string) => events.some((e) => e.action === action);
  const ending = [...events].reverse().find((e) => e.action === 'reject' || e.action === 'close');
  const ended = isRejected(wish.status) || isClosedUnfixed(wish.status);
  const removed = ended && ending?.actorRole === 'admin';
  const overdue = (names: Set<ClockName>) =>
    events.filter((e) => {
      const c = clockOfEvent(e);
      return c !== null && names.has(c);
    });
  const doneOverdue = overdue(new Set<ClockName>(['done'])).length > 0;
  const open = isOpen(wish.status);
  const fulfilled = isFulfilled(wish.status);
  const autoConfirmed =
    fulfilled && [...events].reverse().find((e) => e.action === 'confirm' || e.action === 'auto_confirm')?.action === 'auto_confirm';

  // The done deadline as first set: since the council last gave the wish back (it sets a new one), else since submission.
  const lastReturn = events.map((e) => e.action).lastIndexOf('council_return');
  const since = events.slice(lastReturn + 1);
  const original = since.find((e) => e.doneBy)?.doneBy ?? wish.doneBy;
  const extended = since.some((e) => e.action === 'extend_deadline');
  const done = isWorkDone(wish.status);
  const doneInTime = done && (!original || !wish.doneAt || wish.doneAt <= original);

  const tally: Tally = {};
  const marks: Mark[] = [];
  if (!removed) {
    const firstAct = events.find((e) => !isSystem(e) && RESPONSE_ACTIONS.has(e.action));
    const missedWait = overdue(WAITING_CLOCKS);
    figure(tally, marks, 'response', !!firstAct || missedWait.length > 0, !!firstAct && !missedWait.some((e) => e.seq < firstAct.seq));
    figure(tally, marks, 'resolution', fulfilled || ended || (open && doneOverdue), fulfilled);
    figure(tally, marks, 'satisfaction', fulfilled && wish.rating !== null, (wish.rating ?? 0) >= 4);
    figure(tally, marks, 'onTime', done || (open && doneOverdue), doneInTime);
    figure(tally, marks, 'rework', has('complete') || has('resolve'), has('dispute'));
  }
  put(tally, 'c_submitted');
  put(tally, 'c_byProxy', wish.filedBy ? 1 : 0);
  put(tally, 'c_confirmed', fulfilled && !autoConfirmed ? 1 : 0);
  put(tally, 'c_autoConfirmed', autoConfirmed ? 1 : 0);
  put(tally, 'c_closedUnfixed', isClosedUnfixed(wish.status) && !removed ? 1 : 0);
  put(tally, 'c_rejected', isRejected(wish.status) && !removed ? 1 : 0);
  put(tally, 'c_removed', removed ? 1 : 0);
  put(tally, 'c_open', open ? 1 : 0);
  put(tally, 'c_openOverdue', open && doneOverdue ? 1 : 0);
  put(tally, 'c_escalated', has('escalate') ? 1 : 0);
  put(tally, 'c_council', has('council') ? 1 : 0);
  put(tally, 'c_extended', extended ? 1 : 0);
  put(tally, 'c_doneInExtension', extended && done && !doneInTime && wish.doneAt && wish.doneBy && wish.doneAt <= wish.doneBy ? 1 : 0);
  // Every count opens to its wishes, as the figures' parts do.
  for (const k of COUNT_KEYS) if (tally[`c_${k}`]) marks.push(`c_${k}:n`);
  // The monthly report's categories: received, and resolved.
  put(tally, `cat_${wish.category}_s`);
  put(tally, `cat_${wish.category}_r`, fulfilled ? 1 : 0);

  // 退单率: send-backs by a team (not the system's, when an agreement ended) over routings to a team, per team concerned.
  const routings = new Map<string | null, number>();
  const sendBacks = new Map<string | null, number>();
  for (const e of events) {
    if (e.action === 'route') routings.set(e.team ?? null, (routings.get(e.team ?? null) ?? 0) + 1);
    if (e.action === 'send_back' && !isSystem(e)) sendBacks.set(e.team ?? null, (sendBacks.get(e.team ?? null) ?? 0) + 1);
  }
  const sendBack = (t: Tally, m: Mark[], routed: number, sent: number) => {
    if (!routed && !sent) return;
    put(t, 'sendBack_d', routed);
    put(t, 'sendBack_n', sent);
    m.push(`sendBack:${sent ? 'n' : 'm'}`);
  };
  const sum = (m: Map<string | null, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  if (!removed) sendBack(tally, marks, sum(routings), sum(sendBacks));
  const cells: Cell[] = [{ scope: 'grid', id: wish.gridId, tally, marks }];

  const teams = new Set([...routings.keys(), ...sendBacks.keys(), wish.teamId].filter((t): t is string => !!t));
  for (const team of [...teams].sort()) {
    const holds = team === wish.teamId;
    const t: Tally = holds ? Object.fromEntries(Object.entries(tally).filter(([k]) => !k.startsWith('sendBack_'))) : {};
    const m: Mark[] = holds ? marks.filter((k) => !k.startsWith('sendBack:')) : [];
    if (!removed) sendBack(t, m, routings.get(team) ?? 0, sendBacks.get(team) ?? 0);
    if (Object.keys(t).length) cells.push({ scope: 'team', id: team, tally: t, marks: m });
  }
  return { ...base, cells };
}

export interface CellChange {
  scope: 'grid' | 'team';
  id: string;
  /** What to add to each counter (negative to take away); zeros left out. */
  add: Tally;
  put: Mark[];
  drop: Mark[];
}

const cellKey = (c: Pick<Cell, 'scope' | 'id'>) => `${c.scope}#${c.id}`;

/** What changes between what a wish was counted as and what it counts as now: the counters' deltas and the list entries. */
export function changeBetween(before: Contribution | null, after: Contribution | null): CellChange[] {
  const was = new Map((before?.cells ?? []).map((c) => [cellKey(c), c]));
  const now = new Map((after?.cells ?? []).map((c) => [cellKey(c), c]));
  const changes: CellChange[] = [];
  for (const key of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const a = was.get(key);
    const b = now.get(key);
    const cell = (b ?? a)!;
    const add: Tally = {};
    for (const k of new Set([...Object.keys(a?.tally ?? {}), ...Object.keys(b?.tally ?? {})]) as Set<TallyKey>) {
      const d = (b?.tally[k] ?? 0) - (a?.tally[k] ?? 0);
      if (d) add[k] = d;
    }
    const put = (b?.marks ?? []).filter((m) => !a?.marks.includes(m));
    const drop = (a?.marks ?? []).filter((m) => !b?.marks.includes(m));
    if (Object.keys(add).length || put.length || drop.length) changes.push({ scope: cell.scope, id: cell.id, add, put, drop });
  }
  return changes;
}

/** The sum of some tallies (a community's grids, a street's). */
export function sumTallies(tallies: readonly Tally[]): Tally {
  const out: Tally = {};
  for (const t of tallies) for (const [k, v] of Object.entries(t) as [TallyKey, number][]) put(out, k, v);
  return out;
}

/** A rate to four places, null when nothing is counted. */
export const rateOf = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;

/** The figures and counts a tally stands for. */
export function figuresOf(tally: Tally): { figures: Figures; counts: Counts } {
  const fig = (k: FigureKey): Figure => {
    const numerator = tally[`${k}_n`] ?? 0;
    const denominator = tally[`${k}_d`] ?? 0;
    return { numerator, denominator, rate: rateOf(numerator, denominator) };
  };
  return {
    figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, fig(k)])) as Figures,
    counts: Object.fromEntries(COUNT_KEYS.map((k) => [k, tally[`c_${k}`] ?? 0])) as Counts,
  };
}

/** Every counter a tally may hold, for reading one back from the table. */
export const TALLY_KEYS: readonly TallyKey[] = [
  ...FIGURE_KEYS.flatMap((k) => [`${k}_n`, `${k}_d`] as const),
  ...COUNT_KEYS.map((k) => `c_${k}` as const),
];

/** The monthly report's categories of a tally: received and resolved per category id, most received first. */
export function categoriesOf(tally: Tally): { category: string; received: number; resolved: number }[] {
  const rows = new Map<string, { category: string; received: number; resolved: number }>();
  for (const [k, v] of Object.entries(tally)) {
    const m = CATEGORY_KEY.exec(k);
    if (!m || !v) continue;
    const row = rows.get(m[1]) ?? { category: m[1], received: 0, resolved: 0 };
    if (m[2] === 's') row.received += v;
    else row.resolved += v;
    rows.set(m[1], row);
  }
  return [...rows.values()]
    .filter((r) => r.received || r.resolved)
    .sort((a, b) => b.received - a.received || a.category.localeCompare(b.category));
}

/** The months ending with `last`, oldest first: 2026-09, 2026-10, 2026-11. */
export function monthsUpTo(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
