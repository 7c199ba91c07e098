import { OpinionBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { giveOpinion } from '../participate';

/** 收集意见: a verified resident's opinion, or a comment on a plan; a grid worker or staff for a resident with consent. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: TopicIdPath, body: OpinionBody },
  ({ user, path, body, now }): Promise<TopicDetail> => giveOpinion(user, path.id, body, now),
);
