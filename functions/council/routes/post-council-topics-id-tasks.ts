import { TaskBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { addTask } from '../tasks';

/** 结果运用: a wish task (routed as any wish) or a staff task (an owner, a working day). */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: TaskBody },
  ({ user, path, body, now }): Promise<TopicDetail> => addTask(user, path.id, body, now),
);
