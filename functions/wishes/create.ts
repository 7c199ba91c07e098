import { randomUUID } from 'node:crypto';
import { AppError, forbidden, notFound } from '../../shared/errors';
import { pickTeam } from '../../shared/domain/routing';
import { newWish } from '../../shared/domain/wish-create';
import type { User } from '../../shared/schemas/users';
import type { WishCreateBody, WishDetail } from '../../shared/schemas/wishes';
import { findIdempotent, hashRequest, idempotencyPut, type IdempotencyRecord } from '../data/idempotency';
import { getCategory, getPlace } from '../data/places';
import { allTeamsOfCommunity } from '../data/teams';
import { cancellationCodes, isCancelled, jitter } from '../data/transactions';
import { getUser } from '../data/users';
import { createWish } from '../data/wishes';
import { detailFor, loadDetail } from './act';

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** Whose wish it is: the signed-in resident, or the resident a grid worker or staff member files for. */
async function resolveOwner(user: User, body: WishCreateBody): Promise<{ owner: User; filer: User | null }> {
  if (!body.onBehalfOf || body.onBehalfOf === user.id) {
    if (!user.roles.includes('resident')) throw forbidden('name the resident you file for in onBehalfOf');
    return { owner: user, filer: null };
  }
  if (!user.roles.some((r) => r === 'gridWorker' || r === 'staff')) throw forbidden('only grid workers and staff file for a resident');
  const resident = await getUser(body.onBehalfOf);
  const home = resident?.home;
  const inScope = home && (user.gridIds.includes(home.gridId) || user.staffCommunityIds.includes(home.communityId));
  if (!resident || !inScope || !resident.roles.includes('resident')) throw notFound('resident');
  return { owner: resident, filer: user };
}

async function replay(user: User, record: IdempotencyRecord, requestHash: string): Promise<WishDetail> {
  if (record.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different wish; use a new key');
  }
  return loadDetail(user, record.resultId);
}

/**
 * Submits a wish. With an Idempotency-Key, the key's record is written in the same transaction as the
 * wish, so of any number of concurrent retries exactly one creates and the others return its result.
 */
export async function submitWish(user: User, body: WishCreateBody, key: string | undefined): Promise<{ detail: WishDetail; replayed: boolean }> {
  const requestHash = hashRequest(body);
  const prior = key ? await findIdempotent(user.id, key) : null;
  if (prior) return { detail: await replay(user, prior, requestHash), replayed: true };

  const { owner, filer } = await resolveOwner(user, body);
  const [building, category] = await Promise.all([getPlace(body.buildingId), getCategory(body.category)]);
  if (!building || building.kind !== 'building' || !building.communityId || !building.gridId) {
    throw invalid('body.buildingId', 'no such building; pick one from GET /places');
  }
  if (!category) throw invalid('body.category', 'no such category; pick one from GET /categories');
  const teams = category.skill ? await allTeamsOfCommunity(building.communityId) : [];
  const now = new Date();
  const { wish, events } = newWish({
    id: randomUUID(),
    now: now.toISOString(),
    owner,
    filer,
    building,
    category,
    description: body.description,
    flat: body.flat,
    urgency: body.urgency,
    team: pickTeam(category, teams, building.communityId),
  });
  const guard = key ? [idempotencyPut(user.id, key, requestHash, wish.id, now)] : [];

  for (let attempt = 0; ; attempt++) {
    try {
      await createWish(wish, events, guard);
      return { detail: detailFor(user, wish, events), replayed: false };
    } catch (error) {
      if (!key || !isCancelled(error) || attempt >= 8) throw error;
      // The key's record is the last item: someone else's request with this key got there first, or is writing now.
      const record = await findIdempotent(user.id, key);
      if (record) return { detail: await replay(user, record, requestHash), replayed: true };
      if (!cancellationCodes(error).includes('TransactionConflict')) throw error;
      await jitter(attempt);
    }
  }
}
