import { TeamMemberPath, type Team } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { removeMember } from '../team-manage';

/** The team's lead or its community's staff remove a member; the member's open claims on the team's wishes go back to the team. */
export const handler = route(
  { roles: ['volunteer', 'staff'], path: TeamMemberPath },
  ({ user, path, now }): Promise<Team> => removeMember(user, path.id, path.userId, now),
);
