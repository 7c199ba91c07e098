import type { CategoryList } from '../../../shared/schemas/places';
import { allCategories } from '../../data/places';
import { route } from '../../http/handler';

export const handler = route({ roles: 'any' }, async (): Promise<CategoryList> => ({ items: await allCategories() }));
