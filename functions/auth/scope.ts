import { isVerifiedMemberOf } from '../../shared/domain/membership';
import type { User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';
import { getTeam } from '../data/teams';

/** The communities a grid worker's grids lie in. */
export async function gridCommunities(user: User): Promise<string[]> {
  const grids = user.roles.includes('gridWorker') ? await Promise.all(user.gridIds.map(getPlace)) : [];
  return [...new Set(grids.flatMap((g) => (g?.communityId ? [g.communityId] : [])))];
}

/** The communities a staff member or grid worker serves: their own, and those their grids lie in. */
export async function managedCommunities(user: User): Promise<string[]> {
  const staff = user.roles.includes('staff') ? user.staffCommunityIds : [];
  return [...new Set([...staff, ...(await gridCommunities(user))])];
}

/**
 * The communities whose members a user is, for acting there: where they live *as verified* by its grid worker
 * or staff, serve as staff or grid worker, or volunteer in a team. A home that is only declared (PATCH /me)
 * makes nobody a member: anyone can say anything (shared/domain/membership.ts).
 */
export async function memberCommunities(user: User): Promise<string[]> {
  const teams = user.roles.includes('volunteer') ? await Promise.all(user.teamIds.map(getTeam)) : [];
  return [
    ...new Set([
      ...(user.home && isVerifiedMemberOf(user, user.home.communityId) ? [user.home.communityId] : []),
      ...(await managedCommunities(user)),
      ...teams.flatMap((t) => (t ? [t.communityId] : [])),
    ]),
  ];
}

/**
 * The communities whose public things a user reads (services and their slots, the wall, the team directory):
 * their member communities and the one they say they live in, verified or not (a new resident sees what their
 * community offers before the grid worker comes by). Its staff look after them there too (they end their sessions).
 */
export async function readableCommunities(user: User): Promise<string[]> {
  const declared = user.home && user.roles.includes('resident') ? [user.home.communityId] : [];
  return [...new Set([...declared, ...(await memberCommunities(user))])];
}
