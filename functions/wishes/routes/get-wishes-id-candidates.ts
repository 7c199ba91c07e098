import type { CandidateList } from '../../../shared/schemas/queue';
import { WishIdPath } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { candidatesFor } from '../lists';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff'], path: WishIdPath },
  ({ user, path, now }): Promise<CandidateList> => candidatesFor(user, path.id, now),
);
