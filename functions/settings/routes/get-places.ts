import { buildPlaceTree } from '../../../shared/domain/place-tree';
import type { PlaceTree } from '../../../shared/schemas/places';
import { allPlaces } from '../../data/places';
import { route } from '../../http/handler';

export const handler = route({ roles: 'any' }, async (): Promise<PlaceTree> => ({ items: buildPlaceTree(await allPlaces()) }));
