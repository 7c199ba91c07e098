import { viewWish } from '../../../shared/domain/wish-view';
import { WishListQuery, type Wish, type WishPage } from '../../../shared/schemas/wishes';
import { readPage } from '../../data/pagination';
import { supportsOf } from '../../data/supporters';
import { byOwner, getWish } from '../../data/wishes';
import { route } from '../../http/handler';

/** A resident's own wishes, newest first; or the wishes they said "me too" to, to follow. */
export const handler = route({ roles: ['resident'], query: WishListQuery }, async ({ user, query }): Promise<WishPage> => {
  if (query.scope === 'mine') {
    const page = await readPage([byOwner(user.id)], query.cursor, query.limit);
    return { ...page, items: page.items.map((w) => viewWish(w, user)) };
  }
  const page = await supportsOf(user.id, query.cursor);
  const wishes = (await Promise.all(page.items.map((s) => getWish(s.wishId)))).filter((w): w is Wish => !!w);
  return { cursor: page.cursor, items: wishes.map((w) => viewWish(w, user, true)) };
});
