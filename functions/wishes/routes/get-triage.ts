import { QueueQuery } from '../../../shared/schemas/queue';
import type { WishPage } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { readQueue } from '../queue';

/** The open wishes at the manager's level(s), filtered by stage, category, grid, level or overdue, oldest or most urgent first. */
export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff'], query: QueueQuery },
  ({ user, query }): Promise<WishPage> => readQueue(user, query),
);
