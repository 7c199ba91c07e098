import { notFound } from '../../shared/errors';
import { assertMayBooking, type BookingAct, type BookingRelation } from '../../shared/domain/booking/access';
import type { Booking, BookingView } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { bookingWithSlot } from '../data/booking/bookings';
import { waitPosition } from '../data/booking/waitlist';
import { toBookingView } from '../../shared/domain/booking/view';

/** A booking with its slot, for someone who may take `act` on it (404 if they may not see it, 403 if they may not act). */
export async function loadBooking(
  user: User,
  id: string,
  act: BookingAct,
): Promise<{ booking: Booking; slot: Slot; relation: BookingRelation }> {
  const { booking, slot } = await bookingWithSlot(id);
  if (!booking || !slot) throw notFound('booking');
  return { booking, slot, relation: assertMayBooking(act, user, booking, slot.teamId) };
}

/** The booking as the API shows it, with its place on the waiting list while it waits. */
export const viewOf = async (b: Booking): Promise<BookingView> =>
  toBookingView(b, b.status === 'waiting' && b.waitKey ? await waitPosition(b.slotId, b.waitKey) : null);
