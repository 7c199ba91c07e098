import { ObjectionBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { objectTo } from '../participate';

/** An objection to a published result, within the publicity window; staff are told. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: TopicIdPath, body: ObjectionBody },
  ({ user, path, body, now }): Promise<TopicDetail> => objectTo(user, path.id, body, now),
);
