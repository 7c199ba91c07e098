import { PageQuery } from '../../../shared/schemas/common';
import type { TeamPage } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { teamsManagedBy } from '../teams';

export const handler = route(
  { roles: ['staff', 'gridWorker'], query: PageQuery },
  ({ user, query }): Promise<TeamPage> => teamsManagedBy(user, query),
);
