import { WishIdPath, type WishDetail } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { loadDetail } from '../act';

/** Anyone the wish concerns sees it with its timeline; to anyone else it does not exist (404). */
export const handler = route(
  { roles: 'any', path: WishIdPath },
  ({ user, path, now }): Promise<WishDetail> => loadDetail(user, path.id, now),
);
