import { TopicIdPath, TopicSupportBody, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { supportTopic } from '../participate';

/** Support a topic, once per person (a verified resident of its community, or for one with consent); the write limit rides in its transaction. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: TopicIdPath, body: TopicSupportBody, limit: 'in-transaction' },
  ({ user, path, body, now, writeLimit }): Promise<TopicDetail> => supportTopic(user, path.id, body, now, writeLimit),
);
