import { TopicIdPath, TopicSupportBody, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { supportTopic } from '../participate';

/** Support a topic, once per person (a verified resident of its community, or for one with consent). */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: TopicIdPath, body: TopicSupportBody },
  ({ user, path, body, now }): Promise<TopicDetail> => supportTopic(user, path.id, body, now),
);
