import type { BookingDueKind } from '../../shared/domain/booking/schedule';
import { drawSlot } from '../booking/draw';
import { processServiceSlots } from '../booking/materialise';
import { processNoShow, processOffer, processReminder, processRelease } from '../booking/timers';
import type { TickOutcome } from './outcome';

/** Booking's timed work, one processor per due kind; each re-reads its item and is idempotent. */
export const BOOKING_PROCESSORS: Record<BookingDueKind, (ref: string, now: Date) => Promise<TickOutcome>> = {
  booking_offer: processOffer,
  service_slots: processServiceSlots,
  slot_ballot: async (slotId, now) => {
    const outcome = await drawSlot(slotId, now.getTime());
    // A witnessed draw waiting for its inputs: the list is published and the timer moved on.
    return outcome === 'done' ? 'done' : outcome === 'waiting' ? 'postponed' : 'skipped';
  },
  slot_release: processRelease,
  slot_reminder: processReminder,
  slot_noshow: processNoShow,
};
