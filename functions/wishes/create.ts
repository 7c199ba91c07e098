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
import { consumeWrite, openWishesIncrement, wishPostItem, wishPostRefused, writeLimitRefusal } from '../data/rate-limits';
import { notificationWrites } from '../data/notifications';
import { refCached } from '../data/ref-cache';
import { clockContext } from '../data/settings';
import { optimistic } from '../data/retry';
import {
  cancellationCodes,
  cancelledItem,
  isCancelled,
  isConflict,
  type TransactItem,
  unexpectedCancellation,
  withOld,
} from '../data/transactions';
import { getUser } from '../data/users';
import { newWishWrites, writeNewWish } from '../data/wishes';
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

/** Where each guarded item sits in a new wish's transaction, to read its cancellation reason. */
const at = (items: readonly TransactItem[], item: TransactItem | undefined) => (item ? items.indexOf(item) : -1);

/**
 * Submits a wish: straight to one TransactWriteItems, no read first. It writes the wish, its events and figures,
 * the notices, and, each guarded by a condition: the key's record (absent: an Idempotency-Key used once), the
 * resident's post log (at most N in any hour), their open-wish count (at most M) and the caller's write-limit
 * count. Reference data that cannot be a condition (the building, the category, the street's clock, the teams,
 * agreements and loads routing ranks) comes from this container's cache, a few seconds old at most
 * (functions/data/ref-cache.ts). Only a refusal reads: the cancellation reasons, by position, say which guard
 * stopped it, and a used key's record gives the first answer.
 */
export async function submitWish(
  user: User,
  body: WishCreateBody,
  key: string | undefined,
  now: Date,
  writeLimit?: TransactItem,
): Promise<{ detail: WishDetail; replayed: boolean }> {
  const requestHash = hashRequest(body);
  const { owner, filer } = await resolveOwner(user, body);
  const categoryId = body.kind === 'callback' ? CALLBACK_CATEGORY : body.category!;
  // The owner's community routes the category by its own skill, and its street's limits clock the wish (the building must be there).
  const where = owner.home;
  const [building, category, clock] = await Promise.all([
    refCached(`place#${body.buildingId}`, () => getPlace(body.buildingId)),
    refCached(`category#${categoryId}#${where?.communityId ?? ''}`, () => categoryIn(categoryId, where?.communityId ?? null)),
    clockContext(now, where?.streetId ?? null),
  ]);
  assertPlace(owner, building);
  if (!category) throw invalid('body.category', 'no such category; pick one from GET /categories');
  const routable = body.kind === 'wish' && owner.verified;
  const ranked = routable
    ? await rankFor(
        { category: category.id, gridId: building.gridId, communityId: building.communityId, sentBackBy: [] },
        clock,
        category,
        true,
      )
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
  const keyItem = key ? withOld(idempotencyPut(user.id, key, requestHash, wish.id, now)) : undefined;
  const postLog = withOld(wishPostItem(owner.id, now));
  const open = openWishesIncrement(owner.id);
  const items = newWishWrites(wish, events, [
    ...(keyItem ? [keyItem] : []),
    postLog,
    open,
    ...(writeLimit ? [writeLimit] : []),
    ...notificationWrites(notices, now.toISOString()),
  ]);
  const replayIfKeyUsed = async () => {
    const record = key ? await findIdempotent(user.id, key) : null;
    if (!record) return null;
    // A retry answers without this transaction: its write is counted as every write was.
    if (writeLimit) await consumeWrite(user.id, now);
    return { detail: await replay(user, record, requestHash), replayed: true };
  };

  return optimistic('post a wish', async () => {
    try {
      await writeNewWish(items);
      return { detail: detailFor(user, wish, events), replayed: false };
    } catch (error) {
      if (!isCancelled(error)) throw error;
      const limited = writeLimitRefusal(error, items, now);
      if (limited) throw limited;
      const codes = cancellationCodes(error);
      const keyCode = codes[at(items, keyItem)];
      if (keyCode === 'ConditionalCheckFailed') {
        const replayed = await replayIfKeyUsed();
        if (replayed) return replayed;
      }
      // The key met a concurrent retry of itself: whatever else failed, the next attempt says which answer it gets.
      const keyRacing = keyItem !== undefined && keyCode !== 'None' && keyCode !== 'ConditionalCheckFailed';
      if (!keyRacing && codes[at(items, postLog)] === 'ConditionalCheckFailed') {
        throw await wishPostRefused(owner.id, now, cancelledItem(error, at(items, postLog)));
      }
      if (!keyRacing && codes[at(items, open)] === 'ConditionalCheckFailed') {
        throw new AppError('TOO_MANY_OPEN_WISHES', `at most ${limits().openWishes} wishes can be open at once; confirm or close one first`);
      }
      // A collision with another transaction on the same items is tried again; anything else is not a race.
      throw isConflict(codes) ? error : unexpectedCancellation(error);
    }
  });
}
