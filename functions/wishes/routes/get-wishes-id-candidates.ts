import { notFound } from '../../../shared/errors';
import { canView, relationTo } from '../../../shared/domain/wish-access';
import type { CandidateList } from '../../../shared/schemas/queue';
import { WishIdPath } from '../../../shared/schemas/wishes';
import { clockContext } from '../../data/settings';
import { getWish } from '../../data/wishes';
import { route } from '../../http/handler';
import { rankFor } from '../routing';

/** The teams that could take a wish, ranked, with the reasons: what staff pick from (and may override with a reason). */
export const handler = route({ roles: ['gridWorker', 'staff', 'streetStaff'], path: WishIdPath }, async ({ user, path, now }): Promise<CandidateList> => {
  const wish = await getWish(path.id);
  if (!wish || !canView(relationTo(user, wish))) throw notFound('wish');
  const ranked = await rankFor(wish, await clockContext(now));
  return { items: ranked.candidates, sla: wish.sla };
});
