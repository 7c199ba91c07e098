import { AppError, notFound } from '../../../shared/errors';
import { runsCommunity } from '../../../shared/domain/booking/access';
import { DrawRunBody, SlotIdPath } from '../../../shared/schemas/slots';
import type { DrawView } from '../../../shared/schemas/draws';
import { drawSlot } from '../draw';
import { drawOf } from '../lists';
import { getSlot } from '../../data/booking/slots';
import { route } from '../../http/handler';

/** Staff make a draw that tick has not made yet, once applications have closed; the result is the same as tick's would be. */
export const handler = route({ roles: ['staff'], path: SlotIdPath, body: DrawRunBody }, async ({ user, path, now }): Promise<DrawView> => {
  const slot = await getSlot(path.id);
  if (!slot || !runsCommunity(user, slot.communityId)) throw notFound('slot');
  if ((await drawSlot(slot.id, now.getTime())) === 'not_due') throw new AppError('DRAW_NOT_DUE', `applications close at ${slot.times.ballotClosesAt}`);
  return drawOf(user, slot.serviceId, slot.id);
});
