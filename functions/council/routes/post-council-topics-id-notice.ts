import { NoticeBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { noticeTopic } from '../steps';

/** 发布公告: the meeting at least noticeDays ahead (409 NOTICE_TOO_SHORT), the 议事厅 slot held with it (409 SLOT_FULL). */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: NoticeBody },
  ({ user, path, body, now }): Promise<TopicDetail> => noticeTopic(user, path.id, body, now),
);
