import { NoticeboardQuery, type BoardPage } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { noticeboard } from '../board';

/** 公告栏: meeting notices and published results of the caller's community, newest first. */
export const handler = route(
  { roles: 'any', query: NoticeboardQuery },
  ({ user, query, now }): Promise<BoardPage> => noticeboard(user, query, now),
);
