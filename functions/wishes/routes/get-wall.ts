import { WallQuery, type WallPage } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { wallFor } from '../lists';

export const handler = route({ roles: 'any', query: WallQuery }, ({ user, query }): Promise<WallPage> => wallFor(user, query));
