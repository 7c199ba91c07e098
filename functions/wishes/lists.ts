import { AppError, notFound } from '../../shared/errors';
import { canView, relationTo } from '../../shared/domain/wish-access';
import { toWallItem, viewWish } from '../../shared/domain/wish-view';
import type { CandidateList } from '../../shared/schemas/queue';
import type { User } from '../../shared/schemas/users';
import type { TaskListQuery, WallPage, WallQuery, Wish, WishListQuery, WishPage } from '../../shared/schemas/wishes';
import { readableCommunities } from '../auth/scope';
import { readPage } from '../data/pagination';
import { clockContext } from '../data/settings';
import { supportsOf } from '../data/supporters';
import { byOwner, claimsOf, getWish, openForTeams, wallOf } from '../data/wishes';
import { rankFor } from './routing';

/** A resident's own wishes, newest first; or the wishes they said "me too" to, to follow. */
export async function residentWishes(user: User, query: WishListQuery): Promise<WishPage> {
  if (query.scope === 'mine') {
    const page = await readPage([byOwner(user.id)], query.cursor, query.limit);
    return { ...page, items: page.items.map((w) => viewWish(w, user)) };
  }
  const page = await supportsOf(user.id, query.cursor);
  const wishes = (await Promise.all(page.items.map((s) => getWish(s.wishId)))).filter((w): w is Wish => !!w);
  return { cursor: page.cursor, items: wishes.map((w) => viewWish(w, user, true)) };
}

/**
 * A volunteer's work: their own claims (active first), then what is routed to their teams and not yet
 * claimed (urgent first, then the longest waiting). `view` narrows to one of the two.
 */
export async function volunteerTasks(user: User, query: TaskListQuery): Promise<WishPage> {
  const sources = { all: [claimsOf(user.id), openForTeams(user.teamIds)], mine: [claimsOf(user.id)], open: [openForTeams(user.teamIds)] };
  const page = await readPage(sources[query.view], query.cursor, query.limit);
  return { ...page, items: page.items.map((w) => viewWish(w, user)) };
}

/**
 * The public wall (心愿墙): a community's fulfilled wishes, shown to that community's people (its
 * residents, verified or not, its staff, grid workers and volunteers) and to operators, masked, with only what each resident
 * agreed to publish when confirming.
 */
export async function wallFor(user: User, query: WallQuery): Promise<WallPage> {
  const mine = await readableCommunities(user);
  const communityId = query.communityId ?? mine[0];
  if (!communityId) return { items: [], cursor: null };
  if (!mine.includes(communityId) && !user.roles.includes('admin')) {
    throw new AppError('FORBIDDEN', "a community's wall is shown to its own people", [
      { path: 'query.communityId', message: 'not your community' },
    ]);
  }
  const page = await readPage([wallOf(communityId)], query.cursor, query.limit);
  return { cursor: page.cursor, items: page.items.map(toWallItem) };
}

/** The teams that could take a wish, ranked, with the reasons: what staff pick from (and may override with a reason). */
export async function candidatesFor(user: User, wishId: string, now: Date): Promise<CandidateList> {
  const wish = await getWish(wishId);
  if (!wish || !canView(relationTo(user, wish))) throw notFound('wish');
  const ranked = await rankFor(wish, await clockContext(now, wish.streetId));
  return { items: ranked.candidates, sla: wish.sla };
}
