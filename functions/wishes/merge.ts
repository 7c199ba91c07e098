import { AppError } from '../../shared/errors';
import { canView, relationTo } from '../../shared/domain/wish-access';
import { isOpen } from '../../shared/domain/wish-machine';
import { withClock } from '../../shared/domain/sla';
import { maskName } from '../../shared/domain/wish-view';
import type { User } from '../../shared/schemas/users';
import type { Wish, WishEvent } from '../../shared/schemas/wishes';
import { clockContext } from '../data/settings';
import { isSupporter, supportPut } from '../data/supporters';
import type { TransactItem } from '../data/transactions';
import { wishEventPut, wishPutIfUnchanged } from '../data/wishes';

/** One more neighbour saying "me too": the wish with its count raised, and the event that records it. */
export async function supported(
  target: Wish,
  by: Pick<User, 'id' | 'name'>,
  note: string,
  now: Date,
): Promise<{ wish: Wish; event: WishEvent }> {
  const at = now.toISOString();
  const wish = withClock(
    { ...target, supporters: target.supporters + 1, updatedAt: at, version: target.version + 1 },
    await clockContext(now, target.streetId),
  );
  const event: WishEvent = {
    seq: wish.version,
    at,
    action: 'support',
    from: target.status,
    to: target.status,
    actorId: by.id,
    actorName: maskName(by.name),
    actorRole: 'resident',
    onBehalf: false,
    note,
  };
  return { wish, event };
}

/**
 * Merging a duplicate into an open wish of the same community: the duplicate's owner becomes a supporter
 * of the other (once), in the same transaction that marks the duplicate merged.
 */
export async function mergeWrites(
  actor: User,
  source: Wish,
  target: Wish | null,
  now: Date,
): Promise<{ target: Pick<Wish, 'id' | 'categoryName'>; items: TransactItem[] }> {
  const fit =
    target &&
    target.id !== source.id &&
    target.communityId === source.communityId &&
    isOpen(target.status) &&
    canView(relationTo(actor, target));
  if (!target || !fit) {
    throw new AppError('VALIDATION_FAILED', 'merge into another open wish of the same community', [
      { path: 'body.intoId', message: 'pick an open wish of this community' },
    ]);
  }
  if (target.ownerId === source.ownerId || (await isSupporter(target.id, source.ownerId))) return { target, items: [] };
  const next = await supported(
    target,
    { id: source.ownerId, name: source.ownerName },
    `合并了一条同类心愿(${maskName(source.ownerName)})`,
    now,
  );
  return {
    target,
    items: [
      wishPutIfUnchanged(target.version, next.wish),
      wishEventPut(target.id, next.event),
      supportPut({ wishId: target.id, userId: source.ownerId, at: now.toISOString() }),
    ],
  };
}
