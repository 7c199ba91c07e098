import { AppError } from '../../../shared/errors';
import { toWallItem } from '../../../shared/domain/wish-view';
import { WallQuery, type WallPage } from '../../../shared/schemas/wishes';
import { memberCommunities } from '../../auth/scope';
import { readPage } from '../../data/pagination';
import { wallOf } from '../../data/wishes';
import { route } from '../../http/handler';

/**
 * The public wall (心愿墙): a community's fulfilled wishes, shown to that community's people (its
 * residents, staff, grid workers and volunteers) and to operators, masked, with only what each resident
 * agreed to publish when confirming.
 */
export const handler = route({ roles: 'any', query: WallQuery }, async ({ user, query }): Promise<WallPage> => {
  const mine = await memberCommunities(user);
  const communityId = query.communityId ?? mine[0];
  if (!communityId) return { items: [], cursor: null };
  if (!mine.includes(communityId) && !user.roles.includes('admin')) {
    throw new AppError('FORBIDDEN', "a community's wall is shown to its own people", [{ path: 'query.communityId', message: 'not your community' }]);
  }
  const page = await readPage([wallOf(communityId)], query.cursor, query.limit);
  return { cursor: page.cursor, items: page.items.map(toWallItem) };
});
