import { AppError, notFound } from '../../shared/errors';
import { allowedActions, assertAllowed, canView, isRepeatedClaim, relationTo } from '../../shared/domain/wish-access';
import { isVerifiedMemberOf } from '../../shared/domain/membership';
import { noticesFor } from '../../shared/domain/wish-notify';
import { applyAction, type TransitionInput } from '../../shared/domain/wish-transition';
import { viewTimeline } from '../../shared/domain/timeline-view';
import { viewWish } from '../../shared/domain/wish-view';
import { isOpen } from '../../shared/domain/wish-machine';
import type { User } from '../../shared/schemas/users';
import type { AnyActionBody, UserAction, Wish, WishDetail, WishEvent } from '../../shared/schemas/wishes';
import { notificationWrites } from '../data/notifications';
import { categoryIn } from '../data/places';
import { clockContext } from '../data/settings';
import { getTeam } from '../data/teams';
import { optimistic } from '../data/retry';
import { ClaimLimitError, getWish, getWishPartition, saveTransition } from '../data/wishes';
import { mergeWrites } from './merge';
import { managersAt, membersToTell, rankFor } from './routing';
import { sealSeen } from './seen';
import { partnerGone } from './withdraw';

/** The wish as this viewer may see it, its timeline, and what they may do next. */
export function detailFor(viewer: User, wish: Wish, timeline: WishEvent[], supporting = false): WishDetail {
  const relation = relationTo(viewer, wish, supporting);
  const maySupport = wish.shared && isOpen(wish.status) && !relation.owner && !supporting && isVerifiedMemberOf(viewer, wish.communityId);
  return {
    wish: viewWish(wish, viewer, supporting),
    timeline: viewTimeline(timeline, wish, viewer, supporting),
    allowedActions: allowedActions(viewer, wish),
    supporting,
    maySupport,
  };
}

/**
 * The wish's page, from one read of its partition. Asked with `now` (GET /wishes/{id}), a volunteer who may claim
 * it also gets the partition sealed (seen.ts), so the claim needs no read of its own.
 */
export async function loadDetail(viewer: User, id: string, now?: Date): Promise<WishDetail> {
  const found = await getWishPartition(id);
  const supporting = found?.supporters.has(viewer.id) ?? false;
  if (!found || !canView(relationTo(viewer, found.wish, supporting))) throw notFound('wish');
  const detail = detailFor(viewer, found.wish, found.timeline, supporting);
  const seen = now && detail.allowedActions.includes('claim') ? sealSeen(viewer, found, now) : undefined;
  return seen ? { ...detail, seen } : detail;
}

/**
 * The answer to an action: the wish as the actor now sees it, from one read. A team that sent a wish back no longer
 * reaches it; they are answered with what they may still know (its status, masked), not a 404 for what they just did.
 */
async function afterAction(viewer: User, id: string): Promise<WishDetail> {
  const found = await getWishPartition(id);
  if (!found) throw notFound('wish');
  const supporting = found.supporters.has(viewer.id);
  if (!canView(relationTo(viewer, found.wish, supporting))) {
    return { wish: viewWish(found.wish, viewer), timeline: [], allowedActions: [], supporting: false, maySupport: false };
  }
  return detailFor(viewer, found.wish, found.timeline, supporting);
}

/** What an action needs besides the wish: the team chosen and the ranking (route), the caps (claim), the target (merge). */
async function extraFor(action: UserAction, body: AnyActionBody, wish: Wish, input: Pick<TransitionInput, 'clock'>) {
  if (action === 'route' && 'teamId' in body) {
    const ranked = await rankFor(wish, input.clock);
    const candidate = ranked.candidates.find((c) => c.teamId === body.teamId);
    if (!candidate) {
      throw new AppError('VALIDATION_FAILED', 'that team does not serve this place or lacks the skill', [
        { path: 'body.teamId', message: 'pick a team from GET /wishes/{id}/candidates' },
      ]);
    }
    return { route: { team: ranked.teams.get(candidate.teamId)!, candidate, top: ranked.candidates[0] } };
  }
  if (action === 'claim' && wish.teamId) {
    const team = await getTeam(wish.teamId);
    return { caps: team ? { teamCap: team.teamCap, memberCap: team.memberCap } : undefined };
  }
  if (action === 'merge' && 'intoId' in body) return { mergeInto: await getWish(body.intoId) };
  return {};
}

/**
 * Load, decide in the shared domain, save on the version read, with the notifications of the people it
 * concerns in the same transaction. A concurrent writer makes the save fail; then the wish is read again
 * and the domain decides again, so a lost claim race ends as ALREADY_CLAIMED. The volunteer who already
 * holds the wish and claims again (a retry over a flaky network) gets it back.
 */
export async function actOnWish(user: User, id: string, action: UserAction, body: AnyActionBody, now: Date): Promise<WishDetail> {
  return optimistic(`${action} a wish`, async () => {
    const wish = await getWish(id);
    if (!wish) throw notFound('wish');
    if (action === 'claim' && isRepeatedClaim(user, wish)) return loadDetail(user, id);
    // Who may do what is decided before anything else is loaded or validated: a stranger learns nothing.
    assertAllowed(action, user, wish);
    const clock = await clockContext(now, wish.streetId);
    const extra = await extraFor(action, body, wish, { clock });
    const merge = action === 'merge' ? await mergeWrites(user, wish, extra.mergeInto ?? null, now) : null;
    const next = applyAction(wish, {
      action,
      body,
      actor: user,
      now: now.toISOString(),
      clock,
      route: extra.route,
      mergeInto: merge?.target,
    });
    const team = next.wish.teamId ? (extra.route?.team ?? (await getTeam(next.wish.teamId))) : null;
    // Released to a partner team whose agreement has ended: on to triage instead, in the same transaction.
    const gone = await partnerGone(next, team, clock);
    const skill = team ? ((await categoryIn(next.wish.category, next.wish.communityId))?.skill ?? null) : null;
    const audience = { teamMembers: team && !gone ? membersToTell(team, skill, clock) : [], managers: await managersAt(next.wish) };
    const notices = [...noticesFor(wish, next.wish, next.event, audience), ...(gone?.notices ?? [])];
    try {
      await saveTransition({
        previous: wish,
        wish: gone?.wish ?? next.wish,
        event: next.event,
        caps: extra.caps,
        extra: [...(gone?.items ?? []), ...notificationWrites(notices, now.toISOString()), ...(merge?.items ?? [])],
      });
    } catch (error) {
      if (error instanceof ClaimLimitError)
        throw new AppError('CLAIM_LIMIT', 'you or your team hold as many open claims as allowed; finish one first');
      throw error;
    }
    return afterAction(user, id);
  });
}
