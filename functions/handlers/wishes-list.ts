import { viewWish } from '../../shared/domain/wish-view';
import { WishListQuery, type WishPage } from '../../shared/schemas/wishes';
import { readPage } from '../data/pagination';
import { byOwner } from '../data/wishes';
import { route } from '../http/handler';

/** A resident's own wishes, newest first. */
export const handler = route({ roles: ['resident'], query: WishListQuery }, async ({ user, query }): Promise<WishPage> => {
  const page = await readPage([byOwner(user.id)], query.cursor, query.limit);
  return { ...page, items: page.items.map((w) => viewWish(w, user)) };
});
