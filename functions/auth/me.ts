import type { Me, User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';

/** The signed-in user as the client sees them, with the communities their grids lie in. */
export async function toMe(user: User): Promise<Me> {
  const grids = await Promise.all(user.gridIds.map(getPlace));
  const gridCommunityIds = [...new Set(grids.flatMap((g) => (g?.communityId ? [g.communityId] : [])))];
  const { demo: _demo, createdAt: _createdAt, ...rest } = user;
  return { ...rest, gridCommunityIds };
}
