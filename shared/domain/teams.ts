import type { Application, Team, TeamBody, TeamMember } from '../schemas/teams';
import type { User } from '../schemas/users';

/** Staff of the team's community manage it; its lead decides who joins, with them. */
export const managesTeam = (user: Pick<User, 'roles' | 'staffCommunityIds'>, team: Pick<Team, 'communityId'>): boolean =>
  user.roles.includes('staff') && user.staffCommunityIds.includes(team.communityId);
export const leadsTeam = (user: Pick<User, 'id'>, team: Pick<Team, 'members'>): boolean =>
  team.members.some((m) => m.userId === user.id && m.role === 'lead');

/** A team with staff's changes: the lead named among its members (the old lead becomes a member). */
export function changedTeam(team: Team, body: TeamBody): Team {
  return {
    ...team,
    name: body.name,
    kind: body.kind,
    skills: body.skills,
    gridIds: body.gridIds,
    teamCap: body.teamCap,
    memberCap: body.memberCap,
    members: team.members.map((m) => ({ ...m, role: m.userId === body.leadId ? 'lead' : 'member' })),
  };
}

/** An approved applicant: a volunteer of the team, with the skills and hours they gave. */
export function joined(team: Team, user: User, application: Pick<Application, 'skills' | 'hours'>): { team: Team; user: User } {
  const member: TeamMember = {
    userId: user.id,
    name: user.name,
    role: 'member',
    skills: application.skills,
    hours: application.hours,
    paused: false,
  };
  return {
    team: { ...team, members: [...team.members.filter((m) => m.userId !== user.id), member] },
    user: {
      ...user,
      roles: user.roles.includes('volunteer') ? user.roles : [...user.roles, 'volunteer'],
      teamIds: [...new Set([...user.teamIds, team.id])],
      skills: [...new Set([...user.skills, ...application.skills])],
      hours: application.hours,
    },
  };
}

/** A volunteer's own availability, on their user and on each of their teams' member lists. */
export function withAvailability(team: Team, user: Pick<User, 'id' | 'skills' | 'hours' | 'paused'>): Team {
  return {
    ...team,
    members: team.members.map((m) => (m.userId === user.id ? { ...m, skills: user.skills, hours: user.hours, paused: user.paused } : m)),
  };
}

/**
 * A member removed from a team (by its lead or its community's staff): off the team's list, the team off their
 * teams; with no team left they are no longer a volunteer (unless that was their only role). The lead removed
 * leaves the team without one until staff name another.
 */
export function left(team: Team, user: User): { team: Team; user: User } {
  const teamIds = user.teamIds.filter((id) => id !== team.id);
  const roles = teamIds.length === 0 && user.roles.length > 1 ? user.roles.filter((r) => r !== 'volunteer') : user.roles;
  return { team: { ...team, members: team.members.filter((m) => m.userId !== user.id) }, user: { ...user, teamIds, roles } };
}

/** A team as its audit entries record it: what staff set, and who leads it (not every member's hours). */
export const teamAuditView = (team: Team) => ({
  name: team.name,
  kind: team.kind,
  skills: team.skills,
  gridIds: team.gridIds,
  leadId: team.members.find((m) => m.role === 'lead')?.userId ?? null,
  teamCap: team.teamCap,
  memberCap: team.memberCap,
  members: team.members.length,
});

/** A member as the audit entries of joining and leaving record them. */
export const memberAuditView = (m: TeamMember) => ({ userId: m.userId, name: m.name, role: m.role, skills: m.skills });
