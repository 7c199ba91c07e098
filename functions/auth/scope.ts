import type { User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';

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
