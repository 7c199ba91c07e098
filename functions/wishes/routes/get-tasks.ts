import { viewWish } from '../../../shared/domain/wish-view';
import { TaskListQuery, type WishPage } from '../../../shared/schemas/wishes';
import { readPage } from '../../data/pagination';
import { claimsOf, openForTeams } from '../../data/wishes';
import { route } from '../../http/handler';

/**
 * A volunteer's work: their own claims (active first), then what is routed to their teams and not yet
 * claimed (urgent first, then the longest waiting). `view` narrows to one of the two.
 */
export const handler = route({ roles: ['volunteer'], query: TaskListQuery }, async ({ user, query }): Promise<WishPage> => {
  const sources = { all: [claimsOf(user.id), openForTeams(user.teamIds)], mine: [claimsOf(user.id)], open: [openForTeams(user.teamIds)] };
  const page = await readPage(sources[query.view], query.cursor, query.limit);
  return { ...page, items: page.items.map((w) => viewWish(w, user)) };
});
