import { ApplicationBody, TeamIdPath, type Application } from '../../../shared/schemas/teams';
import { Reply, route } from '../../http/handler';
import { apply } from '../team-join';

/** A resident asks to join a team of their community, with their skills and usual free hours. */
export const handler = route(
  { roles: ['resident'], path: TeamIdPath, body: ApplicationBody },
  async ({ user, path, body, now }) => new Reply(201, (await apply(user, path.id, body, now)) satisfies Application),
);
