import { ListsQuery, type ResourcesList } from '../../../shared/schemas/lists';
import { route } from '../../http/handler';
import { readResources } from '../resources';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin'], query: ListsQuery },
  ({ user, query, now }): Promise<ResourcesList> => readResources(user, query, now),
);
