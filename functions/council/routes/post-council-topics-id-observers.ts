import { AttendBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { attend } from '../attend';

/** 列席: register to attend the noticed meeting, once, within the room's seats (409 OBSERVER_SEATS_FULL). */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: TopicIdPath, body: AttendBody },
  ({ user, path, body, now }): Promise<TopicDetail> => attend(user, path.id, body, now),
);
