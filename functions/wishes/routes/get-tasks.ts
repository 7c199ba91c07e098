import { TaskListQuery, type WishPage } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { volunteerTasks } from '../lists';

export const handler = route(
  { roles: ['volunteer'], query: TaskListQuery },
  ({ user, query }): Promise<WishPage> => volunteerTasks(user, query),
);
