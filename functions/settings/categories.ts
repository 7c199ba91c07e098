import { notFound } from '../../shared/errors';
import type { Category, CategoryBody } from '../../shared/schemas/places';
import { getCategory, putCategory } from '../data/places';

/** The category → skill table is data: staff change which skill a category needs (routing follows at once). */
export async function updateCategory(id: string, body: CategoryBody): Promise<Category> {
  const category = await getCategory(id);
  if (!category) throw notFound('category');
  const next = { ...category, name: body.name, skill: body.skill };
  await putCategory(next);
  return next;
}
