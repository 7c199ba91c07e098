import { PlanBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { addPlan } from '../steps';

/** 制定方案: staff add one of at most five plans. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: PlanBody },
  ({ user, path, body, now }): Promise<TopicDetail> => addPlan(user, path.id, body, now),
);
