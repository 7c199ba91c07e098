import type { Notice } from '../../shared/domain/notice';
import { reachOf } from '../../shared/domain/routing';
import type { ClockContext } from '../../shared/domain/sla';
import { isActiveClaim, isAwaitingClaim } from '../../shared/domain/wish-machine';
import { noticesFor } from '../../shared/domain/wish-notify';
import { applySystemAction, type Transition } from '../../shared/domain/wish-transition';
import type { Partnership, Team } from '../../shared/schemas/teams';
import type { Wish } from '../../shared/schemas/wishes';
import { notificationWrites } from '../data/notifications';
import { readAll } from '../data/pagination';
import { acceptedInto } from '../data/partnerships';
import { allPlaces, categoryIn } from '../data/places';
import { optimistic } from '../data/retry';
import { clockContext } from '../data/settings';
import { getTeam } from '../data/teams';
import type { TransactItem } from '../data/transactions';
import { claimsOf, getWish, inQueues, queueKey, saveTransition, wishEventPut } from '../data/wishes';
import { managersAt, membersToTell } from './routing';

/**
 * Taking wishes back from a team when its access ends: a member removed from the team (their claims go back to the
 * team, as an expired lease does), a partner agreement ended (the partner team's unclaimed wishes go back to the
 * grid worker's triage). Each wish changes through the state machine, on the version read, with an event by the
 * system that says why.
 */

/** The words in the timeline of a wish taken back from a partner team. */
export const partnerEndedNote = (teamName: string | null) => `协作协议已终止:${teamName ?? '协作队伍'}不再服务这里,已退回网格员分派`;

/**
 * Whether a team still reaches a wish's place: a team of the wish's own community always does (its grids are a
 * routing preference, not a wall); another community's team only under an accepted agreement for the wish's
 * grid and the skill its community routes the category by. `partnerships`: the accepted ones into the wish's
 * community, when the caller has them (read otherwise).
 */
export async function stillReaches(team: Team, wish: Wish, partnerships?: readonly Partnership[]): Promise<boolean> {
  if (team.communityId === wish.communityId) return true;
  const [category, accepted] = await Promise.all([
    categoryIn(wish.category, wish.communityId),
    partnerships ?? acceptedInto(wish.communityId),
  ]);
  const routing = {
    skill: category?.skill ?? null,
    gridId: wish.gridId,
    gridName: wish.gridId,
    communityId: wish.communityId,
    communityName: wish.communityId,
    sentBackBy: [],
  };
  return reachOf(team, routing, accepted) !== null;
}

/**
 * A wish handed back to its team (a release, an expired lease) after the team's partner agreement ended while one
 * of its volunteers held it: it goes on to triage in the same transaction. The second step (the wish as saved),
 * its event's item and the notices of the grid worker; null when the team still reaches the wish.
 */
export async function partnerGone(
  next: Transition,
  team: Team | null,
  ctx: ClockContext,
): Promise<{ wish: Wish; items: TransactItem[]; notices: Notice[] } | null> {
  const handedBack = next.event.action === 'release' || next.event.action === 'expire_lease';
  if (!team || !handedBack || !isAwaitingClaim(next.wish.status) || next.wish.teamId !== team.id) return null;
  if (await stillReaches(team, next.wish)) return null;
  const back = applySystemAction(next.wish, { kind: 'send_back', note: partnerEndedNote(team.name) }, next.wish.updatedAt, ctx);
  const notices = noticesFor(next.wish, back.wish, back.event, { teamMembers: [], managers: await managersAt(back.wish) });
  return { wish: back.wish, items: [wishEventPut(back.wish.id, back.event)], notices };
}

/** AP 17 narrowed: the open wishes routed to a team in one community, claimed or not, from its queues at every level. */
export async function openWishesOf(teamId: string, communityId: string): Promise<Wish[]> {
  const places = await allPlaces();
  const community = places.find((p) => p.id === communityId);
  const queues = [
    ...places.filter((p) => p.kind === 'grid' && p.communityId === communityId).map((g) => queueKey('grid', g.id)),
    queueKey('community', communityId),
    ...(community ? [queueKey('street', community.streetId)] : []),
  ];
  return readAll(
    inQueues(queues, 'oldest', {
      expression: '#teamId = :teamId AND #communityId = :communityId',
      names: { '#teamId': 'teamId', '#communityId': 'communityId' },
      values: { ':teamId': teamId, ':communityId': communityId },
    }),
    10_000,
  );
}

/**
 * A wish routed to a team that no longer reaches it, and nobody holds, goes back to triage with the reason; the
 * grid worker is told. Read again first: a wish claimed, routed elsewhere or reached again meanwhile is left.
 */
export async function sendBackFrom(wishId: string, team: Team, now: Date): Promise<boolean> {
  return optimistic('send a wish back to triage', async () => {
    const wish = await getWish(wishId);
    if (!wish || wish.teamId !== team.id || !isAwaitingClaim(wish.status) || (await stillReaches(team, wish))) return false;
    const at = now.toISOString();
    const back = applySystemAction(
      wish,
      { kind: 'send_back', note: partnerEndedNote(team.name) },
      at,
      await clockContext(now, wish.streetId),
    );
    const notices = noticesFor(wish, back.wish, back.event, { teamMembers: [], managers: await managersAt(back.wish) });
    await saveTransition({ previous: wish, wish: back.wish, event: back.event, extra: notificationWrites(notices, at) });
    return true;
  });
}

/**
 * Every open claim a person holds on a team's wishes goes back to the team (they were removed from it), with
 * `note` in each timeline; the team's other members are told as of a released task. The count released.
 */
export async function releaseClaimsOn(teamId: string, userId: string, note: string, now: Date): Promise<number> {
  const source = {
    ...claimsOf(userId),
    filter: { expression: '#teamId = :teamId', names: { '#teamId': 'teamId' }, values: { ':teamId': teamId } },
  };
  const held = (await readAll(source, 10_000)).filter((w) => isActiveClaim(w.status));
  let released = 0;
  for (const w of held) if (await releaseOne(w.id, teamId, userId, note, now)) released++;
  return released;
}

async function releaseOne(wishId: string, teamId: string, userId: string, note: string, now: Date): Promise<boolean> {
  return optimistic('release a removed member’s claim', async () => {
    const wish = await getWish(wishId);
    if (!wish || wish.claimantId !== userId || wish.teamId !== teamId || !isActiveClaim(wish.status)) return false;
    const at = now.toISOString();
    const ctx = await clockContext(now, wish.streetId);
    const next = applySystemAction(wish, { kind: 'release', note }, at, ctx);
    const team = await getTeam(teamId);
    const gone = await partnerGone(next, team, ctx);
    const skill = (await categoryIn(wish.category, wish.communityId))?.skill ?? null;
    const teamMembers = team && !gone ? membersToTell(team, skill, ctx).filter((u) => u !== userId) : [];
    const notices = [...noticesFor(wish, next.wish, next.event, { teamMembers, managers: [] }), ...(gone?.notices ?? [])];
    await saveTransition({
      previous: wish,
      wish: gone?.wish ?? next.wish,
      event: next.event,
      extra: [...(gone?.items ?? []), ...notificationWrites(notices, at)],
    });
    return true;
  });
}
