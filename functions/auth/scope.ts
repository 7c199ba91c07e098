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
 * The communities whose people a user is one of: where they live, serve as staff or grid worker, or
 * volunteer in a team. A community's public wall is theirs to read.
 */
export async function memberCommunities(user: User): Promise<string[]> {
  const teams = user.roles.includes('volunteer') ? await Promise.all(user.teamIds.map(getTeam)) : [];
  return [
    ...new Set([
      ...(user.home && user.roles.includes('resident') ? [user.home.communityId] : []),
      ...(await managedCommunities(user)),
      ...teams.flatMap((t) => (t ? [t.communityId] : [])),
    ]),
  ];
}
