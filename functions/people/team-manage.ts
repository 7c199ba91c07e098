import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { forbidden, invalid, notFound } from '../../shared/errors';
import { changedTeam, managesTeam } from '../../shared/domain/teams';
import type { Team, TeamBody, TeamCreateBody } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { db } from '../data/db';
import { allPlaces } from '../data/places';
import { getTeam, teamPutIfUnchanged } from '../data/teams';
import { optimistic } from '../data/retry';

/** The grids named must be grids of the team's community; the lead must be a member. */
async function assertFits(team: Pick<Team, 'communityId' | 'members'>, body: TeamBody): Promise<void> {
  const grids = new Set((await allPlaces()).filter((p) => p.kind === 'grid' && p.communityId === team.communityId).map((p) => p.id));
  const stray = body.gridIds.find((g) => !grids.has(g));
  if (stray) throw invalid('body.gridIds', `${stray} is not a grid of this community`);
  if (body.leadId && !team.members.some((m) => m.userId === body.leadId))
    throw invalid('body.leadId', 'the lead must be a member of the team');
}

/** Staff create a team for their community; members join by applying. */
export async function createTeam(user: User, body: TeamCreateBody): Promise<Team> {
  if (!managesTeam(user, body)) throw forbidden('staff create teams for their own community');
  const team: Team = {
    id: `t-${randomUUID().slice(0, 8)}`,
    communityId: body.communityId,
    name: body.name,
    kind: body.kind,
    skills: body.skills,
    gridIds: body.gridIds,
    teamCap: body.teamCap,
    memberCap: body.memberCap,
    members: [],
    version: 0,
  };
  if (body.leadId) throw invalid('body.leadId', 'a new team has no members yet; name its lead once someone has joined');
  await assertFits(team, body);
  await db().send(new TransactWriteCommand({ TransactItems: [teamPutIfUnchanged(team, null)] }));
  return { ...team, version: 1 };
}

/** Staff change a team (kind, skills, grids, lead, caps), on the version read; members are kept as they are. */
export async function updateTeam(user: User, id: string, body: TeamBody): Promise<Team> {
  return optimistic('change a team', async () => {
    const team = await getTeam(id);
    if (!team) throw notFound('team');
    if (!managesTeam(user, team)) throw forbidden('staff of the team’s community manage it');
    await assertFits(team, body);
    const next = changedTeam(team, body);
    await db().send(new TransactWriteCommand({ TransactItems: [teamPutIfUnchanged(next, team.version)] }));
    return { ...next, version: team.version + 1 };
  });
}
