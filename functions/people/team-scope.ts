import { forbidden, notFound } from '../../shared/errors';
import { managesTeam } from '../../shared/domain/teams';
import type { Team } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { memberCommunities } from '../auth/scope';
import { getTeam } from '../data/teams';

/**
 * A team as the caller reaches it, in the one order of checks of every team route: a team that does not exist and
 * a team outside the caller's communities get the same 404 (`what` names it, so both bodies are the same); a team
 * they may see (their community's, or their own) but not act on is a 403; then the route's own checks follow.
 */
export async function teamFor(user: User, teamId: string, may: (team: Team) => boolean, what = 'team'): Promise<Team> {
  const team = await getTeam(teamId);
  if (!team) throw notFound(what);
  if (may(team)) return team;
  const sees =
    managesTeam(user, team) || team.members.some((m) => m.userId === user.id) || (await memberCommunities(user)).includes(team.communityId);
  if (!sees) throw notFound(what);
  throw forbidden('the team’s lead or its community’s staff');
}
