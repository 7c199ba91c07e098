import { TrendQuery, type Trend } from '../../../shared/schemas/figures';
import { route } from '../../http/handler';
import { readTrend } from '../read';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin', 'volunteer'], query: TrendQuery },
  ({ user, query, now }): Promise<Trend> => readTrend(user, query, now),
);
