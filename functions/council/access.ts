import { notFound } from '../../shared/errors';
import { councilViewer, isOfficial, type CouncilReach, type CouncilViewer } from '../../shared/domain/council/access';
import type { TopicViewer } from '../../shared/domain/council/view';
import type { CouncilActor } from '../../shared/domain/council/wishes';
import type { ClockContext } from '../../shared/domain/sla';
import type { CouncilRole } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { gridCommunities } from '../auth/scope';
import { clockContext } from '../data/settings';
import { getTeam } from '../data/teams';

/** The communities of the user's grids and teams: what the pure check needs beyond the user. */
export async function reachOf(user: User): Promise<CouncilReach> {
  const [grids, teams] = await Promise.all([
    gridCommunities(user),
    user.roles.includes('volunteer') ? Promise.all(user.teamIds.map(getTeam)) : Promise.resolve([]),
  ]);
  return { gridCommunityIds: grids, teamCommunityIds: teams.flatMap((t) => (t ? [t.communityId] : [])) };
}

export async function viewerIn(user: User, communityId: string, reach?: CouncilReach): Promise<CouncilViewer> {
  return councilViewer(user, communityId, reach ?? (await reachOf(user)));
}

/** Every community whose council the user reads: where they live, serve, or volunteer. */
export async function councilCommunities(user: User): Promise<string[]> {
  const reach = await reachOf(user);
  const candidates = [
    ...(user.roles.includes('staff') ? user.staffCommunityIds : []),
    ...reach.gridCommunityIds,
    ...(user.home && user.roles.includes('resident') ? [user.home.communityId] : []),
    ...reach.teamCommunityIds,
  ];
  return [...new Set(candidates)].filter((c) => councilViewer(user, c, reach).reads);
}

/**
 * The community a per-community route is about: the one asked for, if the user reads its council (another is
 * 404, as if missing), else the first of theirs.
 */
export async function communityFor(user: User, requested: string | undefined): Promise<{ communityId: string; viewer: CouncilViewer }> {
  const reach = await reachOf(user);
  if (requested) {
    const viewer = councilViewer(user, requested, reach);
    if (!viewer.reads) throw notFound('community');
    return { communityId: requested, viewer };
  }
  const own = await councilCommunities(user);
  if (!own.length) throw notFound('community');
  return { communityId: own[0], viewer: councilViewer(user, own[0], reach) };
}

export const topicViewerOf = (user: Pick<User, 'id'>, viewer: CouncilViewer): TopicViewer => ({
  userId: user.id,
  official: isOfficial(viewer),
});

export const actorOf = (user: Pick<User, 'id' | 'name'>, role: CouncilRole): CouncilActor => ({ id: user.id, name: user.name, role });

/** The clock, or the council itself ending what it decided. */
export const COUNCIL_SYSTEM: CouncilActor = { id: 'system', name: '居民议事会', role: 'system' };

/**
 * The clocks of a community's street at `now`: its limits and the calendar. Typed with the street so that the
 * per-street limits (data/settings.ts) are used where the settings take it; a settings module without them
 * ignores the second argument.
 */
export const councilClock: (now: Date, streetId: string | null) => Promise<ClockContext> = clockContext;
