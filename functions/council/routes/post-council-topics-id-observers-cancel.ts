import { AttendBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { withdraw } from '../attend';

/** Withdraw a registration to attend the noticed meeting: the seat is free again. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: TopicIdPath, body: AttendBody },
  ({ user, path, body, now }): Promise<TopicDetail> => withdraw(user, path.id, body, now),
);
