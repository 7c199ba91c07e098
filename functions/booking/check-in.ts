import { annotate, moveTo } from '../../shared/domain/booking/status';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { assertCheckIn } from '../../shared/domain/booking/rules';
import type { BookingView, ExcuseBody } from '../../shared/schemas/bookings';
import { AppError } from '../../shared/errors';
import type { User } from '../../shared/schemas/users';
import { noShowExcuse } from '../data/booking/quotas';
import { getStanding, standingPut } from '../data/booking/standing';
import { parseBookingId } from '../../shared/domain/booking/view';
import { optimistic } from '../data/retry';
import { commit } from './commit';
import { loadBooking, viewOf } from './load';

/**
 * The provider (or staff) checks a resident in: it ends the booking's hold on the quota; a second tap changes
 * nothing. A check-in is never a no-show, so the resident's no-show standing (data/booking/standing.ts) stays as it is.
 */
export async function checkIn(user: User, id: string, now: Date): Promise<BookingView> {
  return optimistic('check a resident in', async () => {
    const { booking: b, slot } = await loadBooking(user, id, 'check_in');
    if (b.status === 'checked_in') return viewOf(b);
    assertCheckIn(b, slot, now.getTime());
    const next = moveTo(b, 'check_in', now.toISOString(), `${user.name}签到`);
    await commit({ slot, changes: [{ previous: b, next }], guard: {}, nowIso: now.toISOString() });
    return viewOf(next);
  });
}

/** A grid worker (or staff) excuses a no-show: it no longer counts towards a restriction. Excusing twice changes nothing. */
export async function excuseNoShow(user: User, id: string, body: ExcuseBody, now: Date): Promise<BookingView> {
  const nowIso = now.toISOString();
  return optimistic('excuse a no-show', async () => {
    // The standing is read beside the booking (its key is the resident's, named by the booking id).
    const [{ booking: b, slot }, standing] = await Promise.all([
      loadBooking(user, id, 'excuse'),
      getStanding(parseBookingId(id).residentId),
    ]);
    if (b.status !== 'no_show') throw new AppError('BOOKING_NOT_ACTIVE', `a booking that is ${b.status} is not a no-show`);
    if (b.excused) return viewOf(b);
    const recordedAt = [...b.history].reverse().find((h) => h.status === 'no_show')!.at;
    const next = annotate(b, nowIso, `${user.name}撤销了未到场记录:${body.reason}`, { excused: true });
    await commit({
      slot,
      changes: [{ previous: b, next }],
      guard: {},
      extra: [
        noShowExcuse(b.residentId, recordedAt, b.id, body.reason),
        standingPut(b.residentId, standing, { remove: b.id }, now.getTime()),
      ],
      notes: bookingNotes('excused', next, user.id, body.reason),
      nowIso,
    });
    return viewOf(next);
  });
}
