import { CategoryBody, CategoryPath, type Category } from '../../../shared/schemas/places';
import { route } from '../../http/handler';
import { updateCategory } from '../categories';

export const handler = route(
  { roles: ['staff', 'streetStaff', 'admin'], path: CategoryPath, body: CategoryBody },
  ({ path, body }): Promise<Category> => updateCategory(path.id, body),
);
