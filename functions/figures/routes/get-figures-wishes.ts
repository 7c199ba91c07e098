import { FigureWishesQuery, type FigureWishPage } from '../../../shared/schemas/figures';
import { route } from '../../http/handler';
import { readFigureWishes } from '../read';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin', 'volunteer'], query: FigureWishesQuery },
  ({ user, query }): Promise<FigureWishPage> => readFigureWishes(user, query),
);
