import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { forbidden, invalid, notFound } from '../../shared/errors';
import { changedTeam, leadsTeam, left, managesTeam, memberAuditView, teamAuditView } from '../../shared/domain/teams';
import type { AuditAction } from '../../shared/schemas/audit';
import type { Team, TeamBody, TeamCreateBody, TeamMember } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { auditPut } from '../data/audit';
import { db } from '../data/db';
import { notificationWrites } from '../data/notifications';
import { allPlaces } from '../data/places';
import { teamPutIfUnchanged } from '../data/teams';
import type { TransactItem } from '../data/transactions';
import { optimistic } from '../data/retry';
import { getUser, userPutIfUnchanged } from '../data/users';
import { auditScope } from '../settings/audit';
import { releaseClaimsOn } from '../wishes/withdraw';
import { teamFor } from './team-scope';

/** The grids named must be grids of the team's community; the lead must be a member. */
async function assertFits(team: Pick<Team, 'communityId' | 'members'>, body: TeamBody): Promise<void> {
  const grids = new Set((await allPlaces()).filter((p) => p.kind === 'grid' && p.communityId === team.communityId).map((p) => p.id));
  const stray = body.gridIds.find((g) => !grids.has(g));
  if (stray) throw invalid('body.gridIds', `${stray} is not a grid of this community`);
  if (body.leadId && !team.members.some((m) => m.userId === body.leadId))
    throw invalid('body.leadId', 'the lead must be a member of the team');
}

/** The audit entry of a change of a team, with its community and street (whose staff read it), in the change's transaction. */
export async function teamAudit(
  action: AuditAction,
  actor: User,
  team: Pick<Team, 'id' | 'communityId'>,
  before: unknown,
  after: unknown,
  now: Date,
): Promise<TransactItem> {
  const where = await auditScope(team.communityId);
  return auditPut(
    { action, actorId: actor.id, actorName: actor.name, subject: { kind: 'team', id: team.id }, ...where, before, after },
    now,
  );
}

/** The audit entry of a member joining (`member` in `after`) or leaving (in `before`) a team. */
export const memberAudit = (action: 'team.member.add' | 'team.member.remove', actor: User, team: Team, member: TeamMember, now: Date) =>
  action === 'team.member.add'
    ? teamAudit(action, actor, team, null, memberAuditView(member), now)
    : teamAudit(action, actor, team, memberAuditView(member), null, now);

/** Staff create a team for their community; members join by applying. Audited in the same transaction. */
export async function createTeam(user: User, body: TeamCreateBody, now: Date): Promise<Team> {
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
  const audit = await teamAudit('team.create', user, team, null, teamAuditView(team), now);
  await db().send(new TransactWriteCommand({ TransactItems: [teamPutIfUnchanged(team, null), audit] }));
  return { ...team, version: 1 };
}

/**
 * Staff change a team (kind, skills, grids, lead, caps), on the version read; members are kept as they are. A
 * team outside their community is answered as a missing one, before the body is looked at. Audited in the same
 * transaction.
 */
export async function updateTeam(user: User, id: string, body: TeamBody, now: Date): Promise<Team> {
  return optimistic('change a team', async () => {
    const team = await teamFor(user, id, (t) => managesTeam(user, t));
    await assertFits(team, body);
    const next = changedTeam(team, body);
    const audit = await teamAudit('team.update', user, team, teamAuditView(team), teamAuditView(next), now);
    await db().send(new TransactWriteCommand({ TransactItems: [teamPutIfUnchanged(next, team.version), audit] }));
    return { ...next, version: team.version + 1 };
  });
}

/**
 * The team's lead or its community's staff remove a member (a volunteer who left, or should no longer be sent
 * into homes): off the team and the team off them, audited and told, in one transaction; then each open claim
 * they hold on the team's wishes goes back to the team, as an expired lease does, with the reason in its
 * timeline. Asked again (a retry after a failure halfway), it finishes releasing what is left. A team outside the
 * caller's communities, and someone who is neither a member nor holding its wishes, are 404.
 */
export async function removeMember(actor: User, teamId: string, userId: string, now: Date): Promise<Team> {
  const removed = await optimistic('remove a team member', async () => {
    const team = await teamFor(actor, teamId, (t) => leadsTeam(actor, t) || managesTeam(actor, t));
    const member = team.members.find((m) => m.userId === userId);
    if (!member) return { team, member: null };
    const user = await getUser(userId);
    if (!user) throw notFound('member');
    const next = left(team, user);
    const told = notificationWrites(
      [{ userId, kind: 'volunteer_decision', title: `您已不再是${team.name}的成员`, body: `${actor.name}将您移出了队伍`, link: null }],
      now.toISOString(),
    );
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          teamPutIfUnchanged(next.team, team.version),
          userPutIfUnchanged(next.user, user.version),
          await memberAudit('team.member.remove', actor, team, member, now),
          ...told,
        ],
      }),
    );
    return { team: { ...next.team, version: team.version + 1 }, member };
  });
  const name = removed.member?.name ?? (await getUser(userId))?.name ?? null;
  const released = await releaseClaimsOn(teamId, userId, `${name ?? '志愿者'}已被移出${removed.team.name},认领已释放,队伍可重新认领`, now);
  if (!removed.member && released === 0) throw notFound('member');
  return removed.team;
}
