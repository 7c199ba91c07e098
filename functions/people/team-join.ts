import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AppError, notFound } from '../../shared/errors';
import { assertMayApplyAgain, assertVerifiedMemberOf } from '../../shared/domain/membership';
import { joined, leadsTeam, managesTeam, withAvailability } from '../../shared/domain/teams';
import type { Application, ApplicationBody, DecisionBody, Team, VolunteerProfileBody } from '../../shared/schemas/teams';
import type { Me, User } from '../../shared/schemas/users';
import { toMe } from './me';
import { limits } from '../config';
import { applicationPut, getApplication } from '../data/applications';
import { db } from '../data/db';
import { notificationWrites } from '../data/notifications';
import { getTeam, teamPutIfUnchanged } from '../data/teams';
import { optimistic } from '../data/retry';
import { cancellationCodes, isCancelled, type TransactItem } from '../data/transactions';
import { getUser, userPutIfUnchanged } from '../data/users';
import { managersAt } from '../wishes/routing';
import { memberAudit } from './team-manage';
import { teamFor } from './team-scope';

const PENDING = 'your application to this team is waiting for a decision';

/** Runs a transaction, re-reading and deciding again (`attempt`) while it loses races. */
const retried = <T>(what: string, attempt: () => Promise<{ items: TransactItem[]; result: T }>): Promise<T> =>
  optimistic(what, async () => {
    const { items, result } = await attempt();
    await db().send(new TransactWriteCommand({ TransactItems: items }));
    return result;
  });

/**
 * A verified resident of the team's community asks to join, with their skills and usual free hours; the lead and
 * staff are told. Declined, they may ask the same team again only after a waiting time (limits().reapplyAfterDays).
 */
export async function apply(user: User, teamId: string, body: ApplicationBody, now: Date): Promise<Application> {
  const [team, previous] = await Promise.all([getTeam(teamId), getApplication(teamId, user.id)]);
  if (!team || user.home?.communityId !== team.communityId) throw notFound('team');
  assertVerifiedMemberOf(user, team.communityId);
  if (team.members.some((m) => m.userId === user.id)) throw new AppError('INVALID_TRANSITION', 'you are a member of this team already');
  if (previous?.status === 'pending') throw new AppError('INVALID_TRANSITION', PENDING);
  assertMayApplyAgain(previous, now.getTime(), limits().reapplyAfterDays);
  const at = now.toISOString();
  const application: Application = {
    id: `${teamId}:${user.id}`,
    teamId,
    teamName: team.name,
    userId: user.id,
    userName: user.name,
    skills: body.skills,
    hours: body.hours,
    note: body.note ?? null,
    status: 'pending',
    reason: null,
    decidedBy: null,
    createdAt: at,
  };
  const deciders = [
    ...team.members.filter((m) => m.role === 'lead').map((m) => m.userId),
    ...(await managersAt({ level: 'community', gridId: '', communityId: team.communityId, streetId: '' })),
  ];
  const told = notificationWrites(
    deciders.map((userId) => ({
      userId,
      kind: 'volunteer_application' as const,
      title: `${user.name}申请加入${team.name}`,
      body: body.skills.join('、'),
      link: `/volunteer/pages/team/index?id=${teamId}`,
    })),
    at,
  );
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [applicationPut(application, previous), ...told] }));
  } catch (error) {
    // Another tap of the same person got there first (or a decision came meanwhile): theirs stands.
    if (isCancelled(error) && cancellationCodes(error)[0] === 'ConditionalCheckFailed') throw new AppError('INVALID_TRANSITION', PENDING);
    throw error;
  }
  return application;
}

/** The team's lead or staff approve (the applicant becomes a volunteer of the team) or decline with a reason; the applicant is told. */
export async function decide(actor: User, teamId: string, userId: string, body: DecisionBody, now: Date): Promise<Application> {
  return retried('decide an application', async () => {
    // A team outside the actor's communities is answered as a missing application; a role that may not decide, 403.
    const mayDecide = (t: Team) => leadsTeam(actor, t) || managesTeam(actor, t);
    const [team, application, applicant] = await Promise.all([
      teamFor(actor, teamId, mayDecide, 'application'),
      getApplication(teamId, userId),
      getUser(userId),
    ]);
    if (!application || !applicant) throw notFound('application');
    if (application.status !== 'pending') throw new AppError('INVALID_TRANSITION', `this application was ${application.status} already`);
    const at = now.toISOString();
    const decided: Application = {
      ...application,
      status: body.approve ? 'approved' : 'declined',
      reason: body.reason ?? null,
      decidedBy: { userId: actor.id, name: actor.name, at },
    };
    const told = notificationWrites(
      [
        {
          userId,
          kind: 'volunteer_decision',
          title: body.approve ? `欢迎加入${team.name}` : `${team.name}暂未通过您的申请`,
          body: body.reason ?? '',
          link: null,
        },
      ],
      at,
    );
    if (!body.approve) return { items: [applicationPut(decided, application), ...told], result: decided };
    const next = joined(team, applicant, application);
    return {
      items: [
        applicationPut(decided, application),
        teamPutIfUnchanged(next.team, team.version),
        userPutIfUnchanged(next.user, applicant.version),
        await memberAudit('team.member.add', actor, next.team, next.team.members.find((m) => m.userId === userId)!, now),
        ...told,
      ],
      result: decided,
    };
  });
}

/**
 * A volunteer changes their skills, usual free hours or pause, on themselves and on every team they are in; and
 * whether the wall may show their name (recorded on each wish they claim from now on).
 */
export async function updateVolunteer(user: User, body: VolunteerProfileBody): Promise<Me> {
  return retried('change a volunteer profile', async () => {
    const me = (await getUser(user.id))!;
    const next: User = {
      ...me,
      skills: body.skills ?? me.skills,
      hours: body.hours ?? me.hours,
      paused: body.paused ?? me.paused,
      showNameOnWall: body.showNameOnWall ?? me.showNameOnWall,
    };
    // The teams carry each member's availability; the consent to be named lives on the volunteer alone.
    const availability = body.skills !== undefined || body.hours !== undefined || body.paused !== undefined;
    const teams = availability ? (await Promise.all(me.teamIds.map(getTeam))).filter((t) => t !== null) : [];
    return {
      items: [userPutIfUnchanged(next, me.version), ...teams.map((t) => teamPutIfUnchanged(withAvailability(t, next), t.version))],
      result: await toMe({ ...next, version: me.version + 1 }),
    };
  });
}
