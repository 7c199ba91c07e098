import { toWallItem } from '../../shared/domain/wish-view';
import { WallQuery, type WallPage } from '../../shared/schemas/wishes';
import { managedCommunities } from '../auth/scope';
import { readPage } from '../data/pagination';
import { wallOf } from '../data/wishes';
import { route } from '../http/handler';

/** The public wall (心愿墙): any signed-in user may read any community's fulfilled wishes, masked. */
export const handler = route({ roles: 'any', query: WallQuery }, async ({ user, query }): Promise<WallPage> => {
  const communityId = query.communityId ?? user.home?.communityId ?? (await managedCommunities(user))[0];
  if (!communityId) return { items: [], cursor: null };
  const page = await readPage([wallOf(communityId)], query.cursor, query.limit);
  return { cursor: page.cursor, items: page.items.map(toWallItem) };
});
