import { WishListQuery, type WishPage } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { residentWishes } from '../lists';

export const handler = route(
  { roles: ['resident'], query: WishListQuery },
  ({ user, query }): Promise<WishPage> => residentWishes(user, query),
);
