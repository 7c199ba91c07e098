import { forbidden, notFound } from '../../../shared/errors';
import { leadsTeam, managesTeam } from '../../../shared/domain/teams';
import { PageQuery } from '../../../shared/schemas/common';
import { TeamIdPath, type ApplicationPage } from '../../../shared/schemas/teams';
import { applicationsOfTeam } from '../../data/applications';
import { getTeam } from '../../data/teams';
import { route } from '../../http/handler';

/** A team's applications, pending first: for its lead and its community's staff. */
export const handler = route({ roles: ['volunteer', 'staff'], path: TeamIdPath, query: PageQuery }, async ({ user, path, query }): Promise<ApplicationPage> => {
  const team = await getTeam(path.id);
  if (!team) throw notFound('team');
  if (!leadsTeam(user, team) && !managesTeam(user, team)) throw forbidden('the team’s lead or its community’s staff');
  return applicationsOfTeam(team.id, query.cursor);
});
