import { automaticChoice, isFreeNow, rankTeams, type RoutingWish } from '../../shared/domain/routing';
import type { ClockContext } from '../../shared/domain/sla';
import type { Category, Place } from '../../shared/schemas/places';
import type { Candidate } from '../../shared/schemas/queue';
import type { Team } from '../../shared/schemas/teams';
import { loadsOf } from '../data/loads';
import { acceptedInto } from '../data/partnerships';
import { categoryIn, getPlace } from '../data/places';
import { refCached } from '../data/ref-cache';
import { allTeamsOfCommunity, getTeam } from '../data/teams';

export interface Ranked {
  candidates: Candidate[];
  teams: Map<string, Team>;
}

/** What ranking the teams of a community and grid reads: its places, teams, partner teams, agreements and loads. */
async function routingInputs(communityId: string, gridId: string) {
  const [grid, community, own, partnerships] = await Promise.all([
    getPlace(gridId),
    getPlace(communityId),
    allTeamsOfCommunity(communityId),
    acceptedInto(communityId),
  ]);
  const partnerTeams = (await Promise.all([...new Set(partnerships.map((p) => p.teamId))].map(getTeam))).filter((t): t is Team => !!t);
  const teams = [...own, ...partnerTeams];
  return { grid, community, partnerships, teams, loads: await loadsOf(teams.map((t) => t.id)) };
}

/**
 * The teams that could do a wish, ranked with their reasons: the community's own, and partners' under an agreement.
 * The skill is the one the wish's community routes its category by (its own, else the default), unless given.
 * `cached`: the inputs from this container's reference cache (a few seconds old at most: functions/data/ref-cache.ts),
 * for a new wish's automatic routing; routing by hand and the candidates list read them fresh.
 */
export async function rankFor(
  wish: { category: string; gridId: string; communityId: string; sentBackBy: readonly string[] },
  ctx: ClockContext,
  category?: Category | null,
  cached = false,
): Promise<Ranked> {
  const inputs = () => routingInputs(wish.communityId, wish.gridId);
  const [cat, { grid, community, partnerships, teams, loads }] = await Promise.all([
    category === undefined ? categoryIn(wish.category, wish.communityId) : category,
    cached ? refCached(`routing#${wish.communityId}#${wish.gridId}`, inputs) : inputs(),
  ]);
  const routingWish: RoutingWish = {
    skill: cat?.skill ?? null,
    gridId: wish.gridId,
    gridName: grid?.name ?? wish.gridId,
    communityId: wish.communityId,
    communityName: community?.name ?? wish.communityId,
    sentBackBy: wish.sentBackBy,
  };
  const candidates = rankTeams(
    routingWish,
    teams.map((team) => ({ team, load: loads.get(team.id)! })),
    partnerships,
    ctx.now,
    ctx.calendar,
  );
  return { candidates, teams: new Map(teams.map((t) => [t.id, t])) };
}

/** The team routing would choose by itself, with its candidate entry. */
export function automatic(ranked: Ranked): { team: Team; candidate: Candidate } | null {
  const candidate = automaticChoice(ranked.candidates);
  return candidate ? { team: ranked.teams.get(candidate.teamId)!, candidate } : null;
}

const NOTIFY_AT_MOST = 5;

/** The members of a team told of a new task: those with the skill and not paused, free-now first; a handful, not a broadcast. */
export function membersToTell(team: Team, skill: string | null, ctx: ClockContext): string[] {
  const able = team.members.filter((m) => !m.paused && (!skill || m.skills.includes(skill)));
  return [...able.filter((m) => isFreeNow(m, ctx.now, ctx.calendar)), ...able.filter((m) => !isFreeNow(m, ctx.now, ctx.calendar))]
    .slice(0, NOTIFY_AT_MOST)
    .map((m) => m.userId);
}

/** The grid workers, community staff or street staff of the place at a wish's level. */
export async function managersAt(wish: { level: string; gridId: string; communityId: string; streetId: string }): Promise<string[]> {
  const placeId = wish.level === 'grid' ? wish.gridId : wish.level === 'community' ? wish.communityId : wish.streetId;
  const place: Place | null = await getPlace(placeId);
  return place?.managerIds ?? [];
}
