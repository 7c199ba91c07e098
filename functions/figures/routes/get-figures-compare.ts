import { CompareQuery, type Comparison } from '../../../shared/schemas/figures';
import { route } from '../../http/handler';
import { readComparison } from '../read';

export const handler = route(
  { roles: ['staff', 'streetStaff', 'admin'], query: CompareQuery },
  ({ user, query, now }): Promise<Comparison> => readComparison(user, query, now),
);
