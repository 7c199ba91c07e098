import { AppError, notFound } from '../../shared/errors';
import { isVerifiedMemberOf, notVerified } from '../../shared/domain/membership';
import { isOpen } from '../../shared/domain/wish-machine';
import { supportNotice } from '../../shared/domain/wish-notify';
import { maskName } from '../../shared/domain/wish-view';
import type { SimilarList } from '../../shared/schemas/queue';
import type { User } from '../../shared/schemas/users';
import type { WishDetail } from '../../shared/schemas/wishes';
import { notificationWrites } from '../data/notifications';
import { readPage } from '../data/pagination';
import { clockContext } from '../data/settings';
import { consumeWrite } from '../data/rate-limits';
import { supportPut } from '../data/supporters';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { getWishPartition, sameAs, saveTransition } from '../data/wishes';
import { detailFor } from './act';
import { supported } from './merge';

/**
 * "Me too" (我也遇到): a resident of the same community joins an open wish about a shared place instead of
 * posting it again. They keep their own record, follow its progress, and their number raises its priority.
 * It raises the wish in staff queues and makes them a viewer of it: only a verified home there counts.
 * One consistent Query of the wish's partition (the wish, its timeline, figure record and supporters), then one
 * transaction on the version read (every rule as checked: open, shared, not theirs, not yet supporting) with the
 * supporter's record, the notice and the caller's write-limit count; the answer is built from them, no read after.
 */
export async function support(user: User, id: string, now: Date, writeLimit?: TransactItem): Promise<WishDetail> {
  // A whole building's neighbours may tap at once (a notice in the lift): each attempt re-reads the wish.
  return optimistic(
    'support a wish',
    async () => {
      const found = await getWishPartition(id);
      const wish = found?.wish;
      const neighbour = user.roles.includes('resident') && user.home?.communityId === wish?.communityId;
      if (!found || !wish || !neighbour || !wish.shared) throw notFound('wish');
      if (!isVerifiedMemberOf(user, wish.communityId)) throw notVerified();
      if (wish.ownerId === user.id) throw new AppError('INVALID_TRANSITION', 'this is your own wish');
      if (!isOpen(wish.status)) throw new AppError('INVALID_TRANSITION', 'this wish is no longer open');
      if (found.supporters.has(user.id)) {
        // Already supporting (a second tap): answered without a transaction, its write counted as every write is.
        if (writeLimit) await consumeWrite(user.id, now);
        return detailFor(user, wish, found.timeline, true);
      }
      const next = await supported(wish, user, '邻居也遇到了同样的问题', now);
      const told = notificationWrites([supportNotice(wish, next.wish.supporters)], now.toISOString());
      await saveTransition({
        previous: wish,
        wish: next.wish,
        event: next.event,
        extra: [supportPut({ wishId: id, userId: user.id, at: now.toISOString() }), ...(writeLimit ? [writeLimit] : []), ...told],
        figureState: found.figures,
        clockRev: found.clockRev,
      });
      return detailFor(user, next.wish, [...found.timeline, next.event], true);
    },
    { budgetMs: 6_000 },
  );
}

/**
 * The open wishes about a shared place of this building and category, posted within the me-too window: their
 * text is a neighbour's, so only a resident whose home there is verified reads them (NOT_VERIFIED otherwise).
 */
export async function similar(user: User, buildingId: string, category: string, now: Date): Promise<SimilarList> {
  if (!user.home || !isVerifiedMemberOf(user, user.home.communityId)) throw notVerified();
  const { limits } = await clockContext(now, user.home?.streetId ?? null);
  const since = new Date(now.getTime() - limits.meTooDays * 86_400_000).toISOString();
  const page = await readPage([sameAs(buildingId, category)], undefined, 20);
  const items = page.items.filter(
    (w) => w.createdAt >= since && w.ownerId !== user.id && w.communityId === user.home?.communityId && isOpen(w.status),
  );
  return {
    items: items.map((w) => ({
      id: w.id,
      categoryName: w.categoryName,
      description: w.description,
      buildingName: w.buildingName,
      status: w.status,
      supporters: w.supporters,
      createdAt: w.createdAt,
      ownerName: maskName(w.ownerName),
    })),
  };
}
