import { FiguresQuery, type FiguresView } from '../../../shared/schemas/figures';
import { route } from '../../http/handler';
import { readFigures } from '../read';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin', 'volunteer'], query: FiguresQuery },
  ({ user, query, now }): Promise<FiguresView> => readFigures(user, query, now),
);
