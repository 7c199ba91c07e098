import { notFound } from '../../../shared/errors';
import { CategoryBody, CategoryPath, type Category } from '../../../shared/schemas/places';
import { getCategory, putCategory } from '../../data/places';
import { route } from '../../http/handler';

/** The category → skill table is data: staff change which skill a category needs (routing follows at once). */
export const handler = route({ roles: ['staff', 'streetStaff', 'admin'], path: CategoryPath, body: CategoryBody }, async ({ path, body }): Promise<Category> => {
  const category = await getCategory(path.id);
  if (!category) throw notFound('category');
  const next = { ...category, name: body.name, skill: body.skill };
  await putCategory(next);
  return next;
});
