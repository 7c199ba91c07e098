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
import { isSupporter, supportPut } from '../data/supporters';
import { optimistic } from '../data/retry';
import { getWish, sameAs, saveTransition } from '../data/wishes';
import { loadDetail } from './act';
import { supported } from './merge';

/**
 * "Me too" (我也遇到): a resident of the same community joins an open wish about a shared place instead of
 * posting it again. They keep their own record, follow its progress, and their number raises its priority.
 * It raises the wish in staff queues and makes them a viewer of it: only a verified home there counts.
 */
export async function support(user: User, id: string, now: Date): Promise<WishDetail> {
  // A whole building's neighbours may tap at once (a notice in the lift): each attempt re-reads the wish.
  return optimistic(
    'support a wish',
    async () => {
      const wish = await getWish(id);
      const neighbour = user.roles.includes('resident') && user.home?.communityId === wish?.communityId;
      if (!wish || !neighbour || !wish.shared) throw notFound('wish');
      if (!isVerifiedMemberOf(user, wish.communityId)) throw notVerified();
      if (wish.ownerId === user.id) throw new AppError('INVALID_TRANSITION', 'this is your own wish');
      if (!isOpen(wish.status)) throw new AppError('INVALID_TRANSITION', 'this wish is no longer open');
      if (await isSupporter(id, user.id)) return loadDetail(user, id);
      const next = await supported(wish, user, '邻居也遇到了同样的问题', now);
      const told = notificationWrites([supportNotice(wish, next.wish.supporters)], now.toISOString());
      await saveTransition({
        previous: wish,
        wish: next.wish,
        event: next.event,
        extra: [supportPut({ wishId: id, userId: user.id, at: now.toISOString() }), ...told],
      });
      return loadDetail(user, id);
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
