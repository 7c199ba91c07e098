import { DAY_MS, iso } from '../beijing-time';

/**
 * Forgiving no-show rules. Only no-shows confirmed by tick after the grace period count, never an
 * on-time cancellation, and a grid worker may excuse one. Three in 90 days restricts the resident for
 * 30 days from the third: half the monthly quota (never below one) and half the ballot weight.
 */
export const NO_SHOW_POLICY = { count: 3, withinDays: 90, restrictDays: 30 } as const;

export interface NoShowRecord {
  at: string;
  excused: boolean;
}

export interface Standing {
  /** Unexcused no-shows in the last 90 days. */
  recent: number;
  restrictedUntil: string | null;
  /** Ballot weight: 2 normally, 1 while restricted. */
  weight: 1 | 2;
}

export function noShowStanding(records: readonly NoShowRecord[], nowMs: number): Standing {
  const counted = records
    .filter((r) => !r.excused)
    .map((r) => Date.parse(r.at))
    .filter((t) => t <= nowMs)
    .sort((a, b) => a - b);
  const window = NO_SHOW_POLICY.withinDays * DAY_MS;
  let restrictedUntil: number | null = null;
  // Every no-show that is the third within 90 days starts (or extends) a restriction.
  counted.forEach((t, i) => {
    const within = counted.slice(0, i + 1).filter((u) => u > t - window).length;
    if (within >= NO_SHOW_POLICY.count) restrictedUntil = t + NO_SHOW_POLICY.restrictDays * DAY_MS;
  });
  const restricted = restrictedUntil !== null && nowMs < restrictedUntil;
  return {
    recent: counted.filter((t) => t > nowMs - window).length,
    restrictedUntil: restricted ? iso(restrictedUntil!) : null,
    weight: restricted ? 1 : 2,
  };
}

/** The quota a resident has for a service now: the monthly one halved while restricted, never below one. */
export function effectiveQuota(quota: { active: number; perMonth: number }, standing: Standing): { active: number; perMonth: number } {
  return standing.restrictedUntil ? { active: quota.active, perMonth: Math.max(1, Math.floor(quota.perMonth / 2)) } : quota;
}

/** A no-show still counted on the resident's standing (unexcused): when tick recorded it, and for which booking. */
export interface NoShowMark {
  at: string;
  bookingId: string;
}

/** How far back a no-show can still matter: a third within 90 days starts a restriction of 30 that may still run. */
export const STANDING_REACH_MS = (NO_SHOW_POLICY.withinDays + NO_SHOW_POLICY.restrictDays) * DAY_MS;

/** The standing the marks give now: the same as the records the history once held (excused ones left out). */
export const standingOfMarks = (marks: readonly NoShowMark[], nowMs: number): Standing =>
  noShowStanding(
    marks.map((m) => ({ at: m.at, excused: false })),
    nowMs,
  );

/**
 * The resident's marks after one event, as of `nowMs`: a no-show added (tick), or one taken away (excused);
 * marks past the reach dropped, so the list stays a handful. `restrictedUntil` is the restriction they start
 * that still runs after `nowMs` (a booking compares it with its own moment), or null.
 */
export function marksAfter(
  marks: readonly NoShowMark[],
  change: { add: NoShowMark } | { remove: string },
  nowMs: number,
): { noShows: NoShowMark[]; restrictedUntil: string | null } {
  const kept = marks.filter((m) => Date.parse(m.at) > nowMs - STANDING_REACH_MS);
  const next =
    'add' in change
      ? [...kept.filter((m) => m.bookingId !== change.add.bookingId), change.add]
      : kept.filter((m) => m.bookingId !== change.remove);
  next.sort((a, b) => a.at.localeCompare(b.at));
  return { noShows: next, restrictedUntil: standingOfMarks(next, nowMs).restrictedUntil };
}
