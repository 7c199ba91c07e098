import type { Limit, Level, SlaLimits, SlaState } from '../schemas/sla';
import type { Wish } from '../schemas/wishes';
import { addWorkingMinutes, workingDayMinutes, workingMinutesBetween, type Calendar } from './working-time';

/** What the clocks need to know: the limits (data), the working-day calendar (data), and now. */
export interface ClockContext {
  limits: SlaLimits;
  calendar: Calendar;
  now: number;
}

type Timed = Pick<
  Wish,
  'status' | 'urgency' | 'createdAt' | 'triageSince' | 'routedAt' | 'claimedAt' | 'doneAt' | 'leaseUntil' | 'doneBy' | 'escalated' | 'level'
> &
  Partial<Pick<Wish, 'council'>>;

/** The instant a limit ends when it starts at `fromMs`. */
export function limitEnd(fromMs: number, limit: Limit, calendar: Calendar): number {
  switch (limit.unit) {
    case 'calendar_minutes':
      return fromMs + limit.amount * 60_000;
    case 'calendar_days':
      return fromMs + limit.amount * 86_400_000;
    case 'working_minutes':
      return addWorkingMinutes(fromMs, limit.amount, calendar);
    case 'working_days':
      return addWorkingMinutes(fromMs, limit.amount * workingDayMinutes(fromMs, calendar), calendar);
  }
}

/** The instant `share` of the way from start to end, in working time when the limit is working time. */
function shareOf(startMs: number, endMs: number, share: number, working: boolean, calendar: Calendar): number {
  if (!working) return startMs + share * (endMs - startMs);
  return addWorkingMinutes(startMs, share * workingMinutesBetween(startMs, endMs, calendar), calendar);
}

export type ClockName = 'route' | 'claim' | 'lease' | 'done' | 'confirm';

export interface Clock {
  name: ClockName;
  /** `<name>@<start>`: a run of a clock, escalated at most once. */
  id: string;
  startMs: number;
  yellowMs: number;
  endMs: number;
  /** Past its end it goes up a level (route, claim, done); the lease and the confirmation act instead. */
  escalates: boolean;
}

const ms = (iso: string | null, fallback: string) => Date.parse(iso ?? fallback);

/** The clocks running on a wish in its status: a stage clock, and the overall "done by" one until done. */
export function clocksOf(w: Timed, ctx: ClockContext): Clock[] {
  // A wish the residents' council holds has no clock running: no warning, no escalation, until it comes back.
  if (w.council?.paused) return [];
  const { limits, calendar } = ctx;
  const clock = (name: ClockName, startMs: number, endMs: number, working: boolean, escalates: boolean): Clock => ({
    name,
    id: `${name}@${new Date(startMs).toISOString()}`,
    startMs,
    endMs,
    yellowMs: shareOf(startMs, endMs, limits.yellowShare, working, calendar),
    escalates,
  });
  const working = (l: Limit) => l.unit.startsWith('working');
  const stage = (name: 'route' | 'claim', from: string | null) => {
    const limit = limits[name][w.urgency];
    const start = ms(from, w.createdAt);
    return clock(name, start, limitEnd(start, limit, calendar), working(limit), true);
  };
  const created = Date.parse(w.createdAt);
  const doneLimit = limits.done[w.urgency];
  const done = clock('done', created, w.doneBy ? Date.parse(w.doneBy) : limitEnd(created, doneLimit, calendar), working(doneLimit), true);
  switch (w.status) {
    case 'submitted':
      return [stage('route', w.triageSince), done];
    case 'routed':
      return [stage('claim', w.routedAt), done];
    case 'claimed': {
      const start = ms(w.claimedAt, w.createdAt);
      const end = w.leaseUntil ? Date.parse(w.leaseUntil) : limitEnd(start, limits.lease[w.urgency], calendar);
      return [clock('lease', start, end, working(limits.lease[w.urgency]), false), done];
    }
    case 'in_progress':
      return [done];
    case 'done': {
      const start = ms(w.doneAt, w.createdAt);
      return [clock('confirm', start, limitEnd(start, limits.confirm, calendar), false, false)];
    }
    default:
      return [];
  }
}

/** Something the clock must do now, in the order it should be done. */
export type DueAction =
  /** Three quarters of the time to start a claim have passed: the volunteer is told, once. */
  | { kind: 'warn_lease'; clock: Clock }
  | { kind: 'expire_lease' }
  | { kind: 'auto_confirm' }
  | { kind: 'escalate'; clock: Clock; to: Level }
  /** Past its end at the top level: nothing higher to go to; noted so it is not looked at again. */
  | { kind: 'note_overdue'; clock: Clock };

/** The mark, among a wish's escalated runs, that a lease's warning went out. */
export const warnId = (c: Clock): string => `warn:${c.id}`;

const NEXT_LEVEL: Record<Level, Level | null> = { grid: 'community', community: 'street', street: null };

export function dueActions(w: Timed, ctx: ClockContext): DueAction[] {
  const due: DueAction[] = [];
  for (const c of clocksOf(w, ctx)) {
    if (c.name === 'lease' && ctx.now >= c.yellowMs && ctx.now < c.endMs && !w.escalated.includes(warnId(c)))
      due.push({ kind: 'warn_lease', clock: c });
    if (ctx.now < c.endMs) continue;
    if (c.name === 'lease') due.push({ kind: 'expire_lease' });
    else if (c.name === 'confirm') due.push({ kind: 'auto_confirm' });
    else if (!w.escalated.includes(c.id)) {
      const to = NEXT_LEVEL[w.level];
      due.push(to ? { kind: 'escalate', clock: c, to } : { kind: 'note_overdue', clock: c });
    }
  }
  return due;
}

export interface SlaView {
  sla: SlaState;
  /** The nearest end of a clock that escalates or acts, for the countdown people see. */
  deadline: string | null;
  /** When the clock next needs to look at the wish (null: never again). */
  dueAt: string | null;
}

/** How a wish's clocks stand at `now`, and when tick should look at it next. */
export function slaView(w: Timed, ctx: ClockContext): SlaView {
  const clocks = clocksOf(w, ctx);
  const escalating = clocks.filter((c) => c.escalates);
  const red = escalating.some((c) => ctx.now >= c.endMs);
  const yellow = escalating.some((c) => ctx.now >= c.yellowMs);
  const pending = dueActions(w, ctx).length > 0;
  const future = clocks.flatMap((c) => [c.yellowMs, c.endMs]).filter((t) => t > ctx.now);
  const next = pending ? ctx.now : future.length ? Math.min(...future) : null;
  const deadline = clocks.filter((c) => c.endMs > ctx.now).map((c) => c.endMs);
  return {
    sla: red ? 'red' : yellow ? 'yellow' : 'ok',
    deadline: deadline.length ? new Date(Math.min(...deadline)).toISOString() : null,
    dueAt: next === null ? null : new Date(next).toISOString(),
  };
}

/** A wish with its clock fields brought up to date for `now` (every write of a wish goes through this). */
export const withClock = <W extends Timed>(w: W, ctx: ClockContext): W => ({ ...w, ...slaView(w, ctx) });
