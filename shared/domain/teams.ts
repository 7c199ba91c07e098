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
