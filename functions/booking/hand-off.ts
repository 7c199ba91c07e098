import { whenText } from '../../shared/domain/beijing-time';
import { bookingNotes } from '../../shared/domain/booking/notify';
import type { Notice } from '../../shared/domain/notice';
import { limitedToOwnShare, nextInLine, offerUntil } from '../../shared/domain/booking/rules';
import { applyDelta, isAssisted, moveTo, slotDelta } from '../../shared/domain/booking/status';
import type { Slot } from '../../shared/schemas/slots';
import { getBooking } from '../data/booking/bookings';
import { getSlot } from '../data/booking/slots';
import type { TransactItem } from '../data/transactions';
import { waitDelete, waitlistOf, type WaitEntry } from '../data/booking/waitlist';
import { optimistic } from '../data/retry';
import { commit, CommitRefused, type BookingChange } from './commit';

/** The offer to one waiting resident: their booking moves to `offered`, their entry leaves the list. */
async function offerTo(
  slotAfter: Slot,
  w: WaitEntry,
  nowMs: number,
): Promise<{ change: BookingChange; extra: TransactItem; notes: Notice[] }> {
  const waiting = await getBooking(slotAfter.id, w.residentId);
  // The entry and the booking change in one transaction; a mismatch means another run just offered it.
  if (waiting?.status !== 'waiting') throw new CommitRefused(new Set(), []);
  const until = offerUntil(slotAfter, w.assisted, nowMs);
  const offered = moveTo(waiting, 'offer', new Date(nowMs).toISOString(), `有空位了,为您保留到${whenText(until)}`, {
    offerUntil: until,
    waitKey: null,
  });
  return {
    change: { previous: waiting, next: offered },
    extra: waitDelete(slotAfter.id, w.SK),
    notes: bookingNotes('offered', offered, null),
  };
}

export interface HandOff {
  changes: BookingChange[];
  extra: TransactItem[];
  notes: Notice[];
}

/**
 * A change that frees a seat (a cancellation, a declined or lapsed offer) hands it, in the same
 * transaction, to the first one waiting who may take it. The caller guards the slot's `waitVersion`,
 * so two cancellations at once cannot both offer to the same person: the second reads again and
 * offers to the next.
 */
export async function handOff(slot: Slot, main: BookingChange, nowMs: number): Promise<HandOff> {
  const freed = slotDelta(main.previous?.status ?? null, main.next.status, isAssisted(main.next.channel));
  if (freed.booked >= 0 || slot.waiting === 0) return { changes: [main], extra: [], notes: [] };
  const after = applyDelta(slot, freed);
  const waiters = await waitlistOf(slot.id);
  const i = nextInLine(after, waiters, nowMs);
  if (i < 0) return { changes: [main], extra: [], notes: [] };
  const offer = await offerTo(after, waiters[i], nowMs);
  return { changes: [main, offer.change], extra: [offer.extra], notes: offer.notes };
}

/**
 * Offers every seat that someone waiting may take, one offer per transaction: when held-back seats
 * are released, or staff add seats. Returns how many offers were made.
 */
export async function fillFromWaitlist(slotId: string, nowMs: number): Promise<number> {
  let offers = 0;
  for (; offers < 500; offers++) {
    const made = await optimistic('offer a freed seat', async () => {
      const slot = await getSlot(slotId);
      if (!slot || slot.waiting === 0) return false;
      const waiters = await waitlistOf(slotId);
      const i = nextInLine(slot, waiters, nowMs);
      if (i < 0) return false;
      const offer = await offerTo(slot, waiters[i], nowMs);
      const seat = limitedToOwnShare(slot, waiters[i].assisted, nowMs) ? 'own' : 'all';
      await commit({
        slot,
        changes: [offer.change],
        guard: { open: true, seat, waitVersion: slot.waitVersion },
        extra: [offer.extra],
        notes: offer.notes,
        nowIso: new Date(nowMs).toISOString(),
      });
      return true;
    });
    if (!made) break;
  }
  return offers;
}
