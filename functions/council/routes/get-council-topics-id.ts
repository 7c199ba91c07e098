import { TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { topicDetail } from '../detail';

/** A topic with its steps, opinions, plans, notice, meetings, tasks and wishes; another community's is 404. */
export const handler = route(
  { roles: 'any', path: TopicIdPath },
  ({ user, path, now }): Promise<TopicDetail> => topicDetail(user, path.id, now),
);
