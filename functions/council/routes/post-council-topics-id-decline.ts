import { TopicDeclineBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { declineTopic } from '../steps';

/** Staff decline a topic with a reason: on the noticeboard, its wishes back to triage with their clocks running. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: TopicDeclineBody },
  ({ user, path, body, now }): Promise<TopicDetail> => declineTopic(user, path.id, body, now),
);
