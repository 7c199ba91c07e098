import { viewWish } from '../../shared/domain/wish-view';
import { PageQuery } from '../../shared/schemas/common';
import type { WishPage } from '../../shared/schemas/wishes';
import { readPage } from '../data/pagination';
import { triageOfCommunities, triageOfGrids } from '../data/wishes';
import { route } from '../http/handler';

/** Wishes no team has taken yet, oldest first: staff see their community's, grid workers their grids'. */
export const handler = route({ roles: ['staff', 'gridWorker'], query: PageQuery }, async ({ user, query }): Promise<WishPage> => {
  const staff = user.roles.includes('staff') ? user.staffCommunityIds : [];
  const source = staff.length ? triageOfCommunities(staff) : triageOfGrids(user.gridIds);
  const page = await readPage([source], query.cursor, query.limit);
  return { ...page, items: page.items.map((w) => viewWish(w, user)) };
});
