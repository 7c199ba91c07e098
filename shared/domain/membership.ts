import { AppError } from '../errors';
import type { Application } from '../schemas/teams';
import type { User } from '../schemas/users';

/**
 * Membership comes from verification. Anyone may say where they live (PATCH /me); that declared home lets a
 * resident read their community's public things (services and their slots, the wall, the team directory) and
 * post wishes, which wait in the grid worker's triage. Acting on others — 我也遇到, booking (waiting lists and
 * ballots too), applying to a team, reading the text of neighbours' wishes — needs a home that the grid worker
 * of that grid (or the community's staff) has verified.
 */
export const isVerifiedMemberOf = (user: Pick<User, 'roles' | 'home' | 'verified'>, communityId: string): boolean =>
  user.roles.includes('resident') && user.verified && user.home !== null && user.home.communityId === communityId;

/** 403 NOT_VERIFIED, saying who verifies: the grid worker of the resident's grid. */
export const notVerified = (whose: 'own' | 'resident' = 'own'): AppError =>
  new AppError(
    'NOT_VERIFIED',
    whose === 'own'
      ? 'only residents whose home is verified may do this here: ask the grid worker (网格员) of your grid to verify your address'
      : "the resident's home is not verified yet: the grid worker (网格员) of their grid verifies it first (居民核实)",
  );

/** Throws NOT_VERIFIED unless the user is a verified resident of the community. */
export function assertVerifiedMemberOf(
  user: Pick<User, 'roles' | 'home' | 'verified'>,
  communityId: string,
  whose: 'own' | 'resident' = 'own',
): void {
  if (!isVerifiedMemberOf(user, communityId)) throw notVerified(whose);
}

const DAY_MS = 86_400_000;
/** "A month" for the limit on changes of home: a rolling 30 days, so two at the end of one month and two at the start of the next are not four. */
export const HOME_CHANGE_WINDOW_MS = 30 * DAY_MS;

/** The changes of home still counted at `nowMs`: those of the last 30 days. */
export const recentHomeChanges = (changes: readonly string[], nowMs: number): string[] =>
  changes.filter((at) => nowMs - Date.parse(at) < HOME_CHANGE_WINDOW_MS);

/**
 * A change of home (another building or flat; the first home one says is no change) is allowed while fewer
 * than `limit` were made in the last 30 days; otherwise 409 TOO_MANY_HOME_CHANGES saying from when.
 */
export function assertHomeChangeAllowed(changes: readonly string[], nowMs: number, limit: number): void {
  const recent = recentHomeChanges(changes, nowMs);
  if (recent.length < limit) return;
  const next = Math.min(...recent.map((at) => Date.parse(at))) + HOME_CHANGE_WINDOW_MS;
  throw new AppError(
    'TOO_MANY_HOME_CHANGES',
    `a home may change at most ${limit} times in 30 days; the next change is possible from ${new Date(next).toISOString()}, or ask your grid worker`,
  );
}

/** When someone whose application was declined may apply to that team again; null when nothing holds them back. */
export function mayApplyAgainAt(previous: Pick<Application, 'status' | 'decidedBy'> | null, waitDays: number): number | null {
  if (previous?.status !== 'declined' || !previous.decidedBy) return null;
  return Date.parse(previous.decidedBy.at) + waitDays * DAY_MS;
}

/** A declined applicant applies to the same team again only after the waiting time: 409 APPLY_TOO_SOON before it. */
export function assertMayApplyAgain(previous: Pick<Application, 'status' | 'decidedBy'> | null, nowMs: number, waitDays: number): void {
  const from = mayApplyAgainAt(previous, waitDays);
  if (from !== null && nowMs < from) {
    throw new AppError(
      'APPLY_TOO_SOON',
      `your application to this team was declined; you may apply again from ${new Date(from).toISOString()} (${waitDays} days after the decision)`,
    );
  }
}
