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
