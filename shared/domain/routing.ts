import type { Candidate } from '../schemas/queue';
import type { Partnership, Team, TeamKind, TeamLoad, TeamMember } from '../schemas/teams';
import { beijingClock, beijingDate } from './beijing-time';
import { isWorkingDay, type Calendar } from './working-time';

/** Skills as people say them; a skill staff add later shows as it is written. */
export const SKILL_NAMES: Record<string, string> = {
  electrician: '电工',
  plumbing: '水管疏通',
  locksmith: '开锁换锁',
  appliance_repair: '家电维修',
  visiting: '探访陪伴',
  public_lighting: '公共照明',
  safety: '安全隐患',
};
export const skillName = (skill: string): string => SKILL_NAMES[skill] ?? skill;

export interface RoutingWish {
  skill: string | null;
  gridId: string;
  gridName: string;
  communityId: string;
  communityName: string;
  /** Teams that sent this wish back: not asked again automatically. */
  sentBackBy: readonly string[];
}

/** Neighbours first; outside organisations (the police, the lighting centre) are asked by a person, never by the machine. */
const KIND_ORDER: Record<TeamKind, number> = { skills_registry: 0, volunteer_team: 1, party_team: 2, co_building_unit: 3 };
const REACH_ORDER = { grid: 0, community: 1, partner: 2 } as const;

/** How a team reaches the wish's place: it serves the grid, the whole community, or a partner community under an agreement. */
export function reachOf(team: Team, wish: RoutingWish, partnerships: readonly Partnership[]): Candidate['reach'] | null {
  if (team.communityId === wish.communityId) {
    if (team.gridIds.length === 0) return 'community';
    return team.gridIds.includes(wish.gridId) ? 'grid' : null;
  }
  const agreed = partnerships.some(
    (p) =>
      p.status === 'accepted' &&
      p.teamId === team.id &&
      p.toCommunityId === wish.communityId &&
      p.gridIds.includes(wish.gridId) &&
      (!wish.skill || p.skills.includes(wish.skill)),
  );
  return agreed ? 'partner' : null;
}

/** Whether a member is usually free at `now`, by their hours for a working day or a rest day as the calendar says. */
export function isFreeNow(member: Pick<TeamMember, 'hours'>, now: number, calendar: Calendar): boolean {
  const date = beijingDate(now);
  const spans = isWorkingDay(date, calendar) ? member.hours.workday : member.hours.restday;
  const minute = beijingClock(now);
  return spans.some((s) => s.from <= minute && minute < s.to);
}

/**
 * Ranks the teams that could do a wish, each with its reasons in words: the skill matches; it serves this
 * grid, else this community, else a partner community; its open claims against its cap; its members
 * usually free now. Pure: the caller loads teams, loads and agreements.
 */
export function rankTeams(
  wish: RoutingWish,
  teams: readonly { team: Team; load: TeamLoad }[],
  partnerships: readonly Partnership[],
  now: number,
  calendar: Calendar,
): Candidate[] {
  const { skill } = wish;
  const ranked = teams.flatMap(({ team, load }) => {
    const reach = reachOf(team, wish, partnerships);
    // A category with no skill is a person's call: every team that reaches the place is offered, none chosen automatically.
    if (!reach || (skill && !team.skills.includes(skill))) return [];
    const able = skill ? team.members.filter((m) => m.skills.includes(skill)) : team.members;
    const available = able.filter((m) => !m.paused && (load.members[m.userId] ?? 0) < team.memberCap);
    const freeNow = available.filter((m) => isFreeNow(m, now, calendar)).length;
    const full = load.active >= team.teamCap;
    const sentBack = wish.sentBackBy.includes(team.id);
    const automatic = team.kind !== 'co_building_unit' && skill !== null;
    const reasons = [
      skill ? `技能 ${skillName(skill)} 相符` : '需人工判断',
      reach === 'grid' ? `服务 ${wish.gridName}` : reach === 'community' ? `服务 ${wish.communityName}全域` : '融合网格:协议服务本网格',
      `在办 ${load.active}/${team.teamCap}`,
      available.length === 0 ? '成员都已暂停或已满' : freeNow > 0 ? `${freeNow}人现在有空` : '现在无人有空',
      ...(full ? ['已满'] : []),
      ...(sentBack ? ['曾退单'] : []),
      ...(team.kind === 'co_building_unit' ? ['共建单位,需人工派单'] : []),
    ];
    const candidate: Candidate = {
      teamId: team.id,
      teamName: team.name,
      kind: team.kind,
      reach,
      eligible: !full && available.length > 0,
      automatic: automatic && !sentBack,
      reasons,
      active: load.active,
      cap: team.teamCap,
      freeNow,
    };
    return [candidate];
  });
  const key = (c: Candidate) => [
    c.eligible ? 0 : 1,
    REACH_ORDER[c.reach],
    KIND_ORDER[c.kind],
    c.freeNow > 0 ? 0 : 1,
    c.active / c.cap,
    -c.freeNow,
  ];
  return ranked.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0;
  });
}

/** The team routing sends a wish to without a person: the best eligible one that may be chosen automatically. */
export const automaticChoice = (ranked: readonly Candidate[]): Candidate | null => ranked.find((c) => c.eligible && c.automatic) ?? null;

/** Why nobody was chosen, for the grid worker's queue. */
export function noRouteReason(wish: Pick<RoutingWish, 'skill'>, ranked: readonly Candidate[], categoryName: string): string {
  if (!wish.skill) return `「${categoryName}」需要网格员人工分派`;
  if (!ranked.length) return `没有队伍有「${skillName(wish.skill)}」技能,请网格员分派`;
  const byHand = ranked.filter((c) => c.eligible && !c.automatic);
  if (byHand.length && !ranked.some((c) => c.eligible && c.automatic))
    return `需人工派单,可派给:${byHand.map((c) => c.teamName).join('、')}`;
  return `有「${skillName(wish.skill)}」技能的队伍都已满或暂无人手,请网格员分派`;
}

/** The words stored on the wish and in its timeline for a route. */
export const routeNote = (c: Pick<Candidate, 'teamName' | 'reasons'>): string => `派给 ${c.teamName}:${c.reasons.join(';')}`;
