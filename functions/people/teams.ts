import { leadsTeam, managesTeam } from '../../shared/domain/teams';
import type { PageQuery } from '../../shared/schemas/common';
import type { ApplicationPage, TeamPage, TeamSummaryPage } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { managedCommunities, readableCommunities } from '../auth/scope';
import { applicationsOfTeam } from '../data/applications';
import { teamsOfCommunities } from '../data/teams';
import { teamFor } from './team-scope';

/** The teams serving the communities of a staff member or grid worker, with members and skills. */
export async function teamsManagedBy(user: User, query: PageQuery): Promise<TeamPage> {
  return teamsOfCommunities(await managedCommunities(user), query.cursor, query.limit);
}

/** The teams of one's own communities, to choose one to join: name, kind, skills and how many members. */
export async function teamDirectory(user: User, query: PageQuery): Promise<TeamSummaryPage> {
  const page = await teamsOfCommunities(await readableCommunities(user), query.cursor, query.limit);
  return {
    cursor: page.cursor,
    items: page.items.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      communityId: t.communityId,
      skills: t.skills,
      members: t.members.length,
    })),
  };
}

/** A team's applications, pending first: for its lead and its community's staff. */
export async function teamApplications(user: User, teamId: string, query: PageQuery): Promise<ApplicationPage> {
  const team = await teamFor(user, teamId, (t) => leadsTeam(user, t) || managesTeam(user, t));
  return applicationsOfTeam(team.id, query.cursor);
}
