import { PublicFiguresQuery, type PublicFigures } from '../../../shared/schemas/figures';
import { route } from '../../http/handler';
import { readPublicFigures } from '../read';

export const handler = route(
  { roles: 'any', query: PublicFiguresQuery },
  ({ user, query, now }): Promise<PublicFigures> => readPublicFigures(user, query, now),
);
