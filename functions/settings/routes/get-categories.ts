import { CategoriesQuery, type CategoryList } from '../../../shared/schemas/places';
import { route } from '../../http/handler';
import { categoriesFor } from '../categories';

/** The category → skill table as the caller's community routes it (its own skills over the operator's default). */
export const handler = route(
  { roles: 'any', query: CategoriesQuery },
  ({ user, query }): Promise<CategoryList> => categoriesFor(user, query),
);
