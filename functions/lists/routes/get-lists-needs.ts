import { ListsQuery, type NeedsList } from '../../../shared/schemas/lists';
import { route } from '../../http/handler';
import { readNeeds } from '../needs';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin'], query: ListsQuery },
  ({ user, query }): Promise<NeedsList> => readNeeds(user, query),
);
