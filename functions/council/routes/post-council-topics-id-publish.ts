import { PublishBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { publishTopic } from '../steps';

/** 反馈公示: once every task is finished, the result goes on the noticeboard for publicDays. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: PublishBody },
  ({ user, path, body, now }): Promise<TopicDetail> => publishTopic(user, path.id, body, now),
);
