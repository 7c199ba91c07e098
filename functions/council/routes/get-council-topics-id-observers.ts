import { TopicIdPath, type ObserverList } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { observerList } from '../attend';

/** Who registered to attend the meeting, with the seats left: staff and grid workers of the community. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath },
  ({ user, path, now }): Promise<ObserverList> => observerList(user, path.id, now),
);
