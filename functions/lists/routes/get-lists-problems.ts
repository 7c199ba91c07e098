import { ListsQuery, type ProblemsList } from '../../../shared/schemas/lists';
import { route } from '../../http/handler';
import { readProblems } from '../problems';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin'], query: ListsQuery },
  ({ user, query }): Promise<ProblemsList> => readProblems(user, query),
);
