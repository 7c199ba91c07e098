import { PageQuery } from '../../../shared/schemas/common';
import { TeamIdPath, type ApplicationPage } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { teamApplications } from '../teams';

export const handler = route(
  { roles: ['volunteer', 'staff'], path: TeamIdPath, query: PageQuery },
  ({ user, path, query }): Promise<ApplicationPage> => teamApplications(user, path.id, query),
);
