import { toSlotView } from '../../../shared/domain/booking/view';
import { SlotIdPath, SlotUpdateBody, type SlotView } from '../../../shared/schemas/slots';
import { changeSlotFor } from '../slot-change';
import { route } from '../../http/handler';

/** Staff change one slot (seats, time, place) or close it, with a reason everyone booked is told. */
export const handler = route(
  { roles: ['staff'], path: SlotIdPath, body: SlotUpdateBody },
  async ({ user, path, body, now }): Promise<SlotView> =>
    toSlotView(await changeSlotFor(user, path.id, body, now), true, now.getTime(), null),
);
