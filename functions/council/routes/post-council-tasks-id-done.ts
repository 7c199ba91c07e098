import { TaskDoneBody, TaskIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { finishTask } from '../tasks';

/** A staff task done by its owner or staff; any task closed with a reason by staff. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TaskIdPath, body: TaskDoneBody },
  ({ user, path, body, now }): Promise<TopicDetail> => finishTask(user, path.id, body, now),
);
