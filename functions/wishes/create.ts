import { randomUUID } from 'node:crypto';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { noRouteReason } from '../../shared/domain/routing';
import { noticesFor } from '../../shared/domain/wish-notify';
import { newWish } from '../../shared/domain/wish-create';
import type { Place } from '../../shared/schemas/places';
import type { User } from '../../shared/schemas/users';
import type { WishCreateBody, WishDetail } from '../../shared/schemas/wishes';
import { limits } from '../config';
import { findIdempotent, hashRequest, idempotencyPut, type IdempotencyRecord } from '../data/idempotency';
import { categoryIn, getPlace } from '../data/places';
import { checkWishPost, openWishesIncrement, wishPostRefused } from '../data/rate-limits';
import { notificationWrites } from '../data/notifications';
import { clockContext } from '../data/settings';
import { optimistic } from '../data/retry';
import { cancellationCodes, isCancelled, isConflict, unexpectedCancellation } from '../data/transactions';
import { getUser } from '../data/users';
import { createWish } from '../data/wishes';
import { detailFor, loadDetail } from './act';
import { automatic, membersToTell, rankFor } from './routing';

/** The category a call-back (请回电) is filed under: no skill, so a person triages it. */
export const CALLBACK_CATEGORY = 'cat-callback';

/** Whose wish it is: the signed-in resident, or the resident a grid worker or staff member files for. */
async function resolveOwner(user: User, body: WishCreateBody): Promise<{ owner: User; filer: User | null }> {
  if (!body.onBehalfOf || body.onBehalfOf === user.id) {
    if (!user.roles.includes('resident')) throw forbidden('name the resident you file for in onBehalfOf');
    return { owner: user, filer: null };
  }
  if (!user.roles.some((r) => r === 'gridWorker' || r === 'staff')) throw forbidden('only grid workers and staff file for a resident');
  const resident = await getUser(body.onBehalfOf);
  const home = resident?.home;
  // Each scope counts only with its role: grids left on a staff member who is no longer a grid worker reach nobody.
  const inScope =
    home &&
    ((user.roles.includes('gridWorker') && user.gridIds.includes(home.gridId)) ||
      (user.roles.includes('staff') && user.staffCommunityIds.includes(home.communityId)));
  if (!resident || !inScope || !resident.roles.includes('resident')) throw notFound('resident');
  return { owner: resident, filer: user };
}

/** A resident posts for places of their own community only, and only once they have said where they live. */
function assertPlace(owner: User, building: Place | null): asserts building is Place & { communityId: string; gridId: string } {
  if (!owner.home) throw new AppError('PROFILE_INCOMPLETE', 'say where you live (PATCH /me) before posting a wish');
  if (building?.kind !== 'building' || !building.communityId || !building.gridId) {
    throw invalid('body.buildingId', 'no such building; pick one from GET /places');
  }
  if (building.communityId !== owner.home.communityId) {
    throw new AppError('FORBIDDEN', 'wishes can be posted only for places in your own community', [
      { path: 'body.buildingId', message: 'pick a building of your community' },
    ]);
  }
}

async function replay(user: User, record: IdempotencyRecord, requestHash: string): Promise<WishDetail> {
  if (record.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different wish; use a new key');
  }
  return loadDetail(user, record.resultId);
}

/**
 * Submits a wish. One transaction writes the wish, its events, the key's record (with an
 * Idempotency-Key), the resident's post log (at most N an hour) and their open-wish count (at most M),
 * each guarded; the cancellation reasons, read by position, say which guard stopped it. So of any number of
 * concurrent posts no more than the limits are stored, and retries of one key return the first result.
 */
export async function submitWish(
  user: User,
  body: WishCreateBody,
  key: string | undefined,
  now: Date,
): Promise<{ detail: WishDetail; replayed: boolean }> {
  const requestHash = hashRequest(body);
  const prior = key ? await findIdempotent(user.id, key) : null;
  if (prior) return { detail: await replay(user, prior, requestHash), replayed: true };

  const { owner, filer } = await resolveOwner(user, body);
  const categoryId = body.kind === 'callback' ? CALLBACK_CATEGORY : body.category!;
  // The owner's community routes the category by its own skill, and its street's limits clock the wish (the building must be there).
  const where = owner.home;
  const [building, category, clock] = await Promise.all([
    getPlace(body.buildingId),
    categoryIn(categoryId, where?.communityId ?? null),
    clockContext(now, where?.streetId ?? null),
  ]);
  assertPlace(owner, building);
  if (!category) throw invalid('body.category', 'no such category; pick one from GET /categories');
  const routable = body.kind === 'wish' && owner.verified;
  const ranked = routable
    ? await rankFor({ category: category.id, gridId: building.gridId, communityId: building.communityId, sentBackBy: [] }, clock, category)
    : null;
  const chosen = ranked ? automatic(ranked) : null;
  const { wish, events } = newWish({
    id: randomUUID(),
    now: now.toISOString(),
    owner,
    filer,
    building,
    category,
    kind: body.kind,
    description: body.description,
    flat: body.flat,
    urgency: body.urgency,
    shared: body.shared,
    route: chosen ?? { none: noRouteReason({ skill: category.skill }, ranked?.candidates ?? [], category.name) },
    clock,
  });
  const notices = chosen
    ? noticesFor(null, wish, events.at(-1)!, { teamMembers: membersToTell(chosen.team, category.skill, clock), managers: [] })
    : [];
  const told = notificationWrites(notices, now.toISOString());
  const keyItems = key ? [idempotencyPut(user.id, key, requestHash, wish.id, now)] : [];
  const replayIfKeyUsed = async () => {
    const record = key ? await findIdempotent(user.id, key) : null;
    return record ? { detail: await replay(user, record, requestHash), replayed: true } : null;
  };

  return optimistic('post a wish', async () => {
    const posts = await checkWishPost(owner.id, now);
    if (!posts.decision.allowed) {
      const replayed = await replayIfKeyUsed();
      if (replayed) return replayed;
      throw wishPostRefused(posts.decision);
    }
    const extra = [...keyItems, posts.guard, openWishesIncrement(owner.id), ...told];
    try {
      await createWish(wish, events, extra);
      return { detail: detailFor(user, wish, events), replayed: false };
    } catch (error) {
      if (!isCancelled(error)) throw error;
      const codes = cancellationCodes(error);
      const base = 1 + events.length;
      if (key && codes[base] === 'ConditionalCheckFailed') {
        const replayed = await replayIfKeyUsed();
        if (replayed) return replayed;
      }
      if (codes[base + keyItems.length + 1] === 'ConditionalCheckFailed') {
        throw new AppError('TOO_MANY_OPEN_WISHES', `at most ${limits().openWishes} wishes can be open at once; confirm or close one first`);
      }
      // A race on the post log is read again; anything else is not a stale read.
      throw isConflict(codes) ? error : unexpectedCancellation(error);
    }
  });
}
