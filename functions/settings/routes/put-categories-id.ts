import { CategoryBody, CategoryPath, type CategoryView } from '../../../shared/schemas/places';
import { route } from '../../http/handler';
import { updateCategory } from '../categories';

/** The operator keeps the default table: a category's name and the skill every community routes it by unless it chose its own. */
export const handler = route(
  { roles: ['admin'], path: CategoryPath, body: CategoryBody },
  ({ user, path, body, now }): Promise<CategoryView> => updateCategory(user, path.id, body, now),
);
