import { AppError, notFound } from '../../shared/errors';
import { allowedActions, canView, isRepeatedClaim, relationTo } from '../../shared/domain/wish-access';
import { applyAction } from '../../shared/domain/wish-transition';
import { viewWish } from '../../shared/domain/wish-view';
import type { User } from '../../shared/schemas/users';
import type { AnyActionBody, Wish, WishAction, WishDetail, WishEvent } from '../../shared/schemas/wishes';
import { getTeam } from '../data/teams';
import { getWish, getWishWithTimeline, saveTransition, StaleWishError } from '../data/wishes';
import { jitter } from '../data/transactions';

const MAX_ATTEMPTS = 8;

/** The wish as this viewer may see it, its timeline, and what they may do next. */
export function detailFor(viewer: User, wish: Wish, timeline: WishEvent[]): WishDetail {
  return { wish: viewWish(wish, viewer), timeline, allowedActions: allowedActions(viewer, wish) };
}

export async function loadDetail(viewer: User, id: string): Promise<WishDetail> {
  const found = await getWishWithTimeline(id);
  if (!found || !canView(relationTo(viewer, found.wish))) throw notFound('wish');
  return detailFor(viewer, found.wish, found.timeline);
}

async function teamFor(action: WishAction, body: AnyActionBody, wish: Wish) {
  if (action !== 'route' || !('teamId' in body)) return undefined;
  const team = await getTeam(body.teamId);
  // Cross-community routing (融合网格) comes with smart routing; for now a team serves its own community.
  if (!team || team.communityId !== wish.communityId) {
    throw new AppError('VALIDATION_FAILED', 'no such team serves this community', [
      { path: 'body.teamId', message: 'pick a team from GET /teams' },
    ]);
  }
  return team;
}

/**
 * Load, decide in the shared domain, save on the version read. A concurrent writer makes the save fail;
 * then the wish is read again and the domain decides again, so a lost claim race ends as ALREADY_CLAIMED.
 * The volunteer who already holds the wish and claims again (a retry over a flaky network) gets it back.
 */
export async function actOnWish(user: User, id: string, action: WishAction, body: AnyActionBody): Promise<WishDetail> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const wish = await getWish(id);
    if (!wish) throw notFound('wish');
    if (action === 'claim' && isRepeatedClaim(user, wish)) return loadDetail(user, id);
    const team = await teamFor(action, body, wish);
    const next = applyAction(wish, { action, body, actor: user, now: new Date().toISOString(), team });
    try {
      await saveTransition(wish, next.wish, next.event);
    } catch (error) {
      if (!(error instanceof StaleWishError)) throw error;
      await jitter(attempt);
      continue;
    }
    return loadDetail(user, id);
  }
  throw new AppError('INVALID_TRANSITION', 'the wish kept changing while you acted on it; reload and try again');
}
