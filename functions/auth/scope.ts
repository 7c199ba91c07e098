import type { User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';

/** The communities a staff member or grid worker serves: their own, and those their grids lie in. */
export async function managedCommunities(user: User): Promise<string[]> {
  const grids = user.roles.includes('gridWorker') ? await Promise.all(user.gridIds.map(getPlace)) : [];
  const fromGrids = grids.flatMap((g) => (g?.communityId ? [g.communityId] : []));
  const staff = user.roles.includes('staff') ? user.staffCommunityIds : [];
  return [...new Set([...staff, ...fromGrids])];
}
