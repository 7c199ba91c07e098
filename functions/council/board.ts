import type { BoardPage, NoticeboardQuery } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { boardOf } from '../data/council/board';
import { readPage } from '../data/pagination';
import { communityFor, councilCommunities } from './access';

/** GET /noticeboard: the meeting notices and published results up now on the caller's community's board, newest first. */
export async function noticeboard(user: User, query: NoticeboardQuery, now: Date): Promise<BoardPage> {
  const communities = query.communityId ? [(await communityFor(user, query.communityId)).communityId] : await councilCommunities(user);
  return readPage([boardOf(communities, now.toISOString())], query.cursor, query.limit);
}
