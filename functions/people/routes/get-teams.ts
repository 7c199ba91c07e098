import { PageQuery } from '../../../shared/schemas/common';
import type { TeamPage } from '../../../shared/schemas/teams';
import { managedCommunities } from '../../auth/scope';
import { teamsOfCommunities } from '../../data/teams';
import { route } from '../../http/handler';

/** The teams serving the communities of the signed-in staff member or grid worker. */
export const handler = route({ roles: ['staff', 'gridWorker'], query: PageQuery }, async ({ user, query }): Promise<TeamPage> =>
  teamsOfCommunities(await managedCommunities(user), query.cursor, query.limit),
);
