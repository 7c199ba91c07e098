import { TeamCreateBody, type Team } from '../../../shared/schemas/teams';
import { Reply, route } from '../../http/handler';
import { createTeam } from '../team-manage';

/** Staff create a team for their community. */
export const handler = route(
  { roles: ['staff'], body: TeamCreateBody },
  async ({ user, body, now }) => new Reply(201, (await createTeam(user, body, now)) satisfies Team),
);
