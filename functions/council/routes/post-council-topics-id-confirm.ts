import { TopicConfirmBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { confirmTopic } from '../steps';

/** 确认议题: staff confirm the topic with a summary of the opinions. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: TopicConfirmBody },
  ({ user, path, body, now }): Promise<TopicDetail> => confirmTopic(user, path.id, body, now),
);
