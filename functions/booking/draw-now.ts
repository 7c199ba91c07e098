import { AppError, notFound } from '../../shared/errors';
import { runsCommunity } from '../../shared/domain/booking/access';
import type { DrawView } from '../../shared/schemas/draws';
import type { User } from '../../shared/schemas/users';
import { getSlot } from '../data/booking/slots';
import { drawSlot } from './draw';
import { drawOf } from './draw-view';

/** Staff make a draw that tick has not made yet, once applications have closed; the result is the same as tick's would be. */
export async function drawNow(user: User, slotId: string, now: Date): Promise<DrawView> {
  const slot = await getSlot(slotId);
  if (!slot || !runsCommunity(user, slot.communityId)) throw notFound('slot');
  if ((await drawSlot(slot.id, now.getTime())) === 'not_due')
    throw new AppError('DRAW_NOT_DUE', `applications close at ${slot.times.ballotClosesAt}`);
  return drawOf(user, slot.serviceId, slot.id);
}
