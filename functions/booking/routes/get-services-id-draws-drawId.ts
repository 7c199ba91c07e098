import { DrawPath, type DrawView } from '../../../shared/schemas/draws';
import { drawOf } from '../draw-view';
import { route } from '../../http/handler';

/** A published draw: the frozen list, its hash, the seed, the ranks (names masked), and how to check them. */
export const handler = route({ roles: 'any', path: DrawPath }, ({ user, path }): Promise<DrawView> => drawOf(user, path.id, path.drawId));
