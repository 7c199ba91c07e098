import { TeamBody, TeamIdPath, type Team } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { updateTeam } from '../team-manage';

/** Staff change a team: kind, skills, the grids it serves, its lead, its caps on open claims. */
export const handler = route(
  { roles: ['staff'], path: TeamIdPath, body: TeamBody },
  ({ user, path, body, now }): Promise<Team> => updateTeam(user, path.id, body, now),
);
