import { AppError, forbidden, invalid } from '../../shared/errors';
import { actsForResident, type BookingRelation } from '../../shared/domain/booking/access';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { decideCancel } from '../../shared/domain/booking/rules';
import { isReleased, moveTo } from '../../shared/domain/booking/status';
import type { BookingView, CancelBody } from '../../shared/schemas/bookings';
import type { User } from '../../shared/schemas/users';
import { waitDelete } from '../data/booking/waitlist';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { commit, type Plan } from './commit';
import { handOff } from './hand-off';
import { loadBooking, viewOf } from './load';

/** A grid worker or staff member acting for the resident records their consent; staff overriding the deadline give a reason. */
function assertOnBehalf(r: BookingRelation, body: CancelBody): void {
  if (body.override && !r.staff) throw forbidden('only staff of the community may cancel after the deadline');
  if (body.override && !body.reason) throw invalid('body.reason', 'say why the booking is cancelled after the deadline');
  if (actsForResident(r) && !body.override && body.consent !== true) {
    throw invalid('body.consent', "record the resident's consent (consent: true) to act on their behalf");
  }
}

const noteOf = (user: User, r: BookingRelation, body: CancelBody): string | null => {
  if (r.resident) return body.reason ?? null;
  const who = body.override ? `社区工作人员${user.name}在截止时间后取消` : `${user.name}代为取消,居民已同意`;
  return body.reason ? `${who}:${body.reason}` : who;
};

/**
 * Cancels a booking, withdraws an application, leaves a waiting list, or declines an offer (`only:
 * 'offered'`). A freed seat goes, in the same transaction, to the first one waiting (hand-off.ts).
 * Cancelling what is already cancelled answers it as it is. One read (the booking with its slot), the
 * waiting list's head only when a seat is freed and someone waits, and one transaction holding the caller's
 * write-limit count.
 */
export async function cancelBooking(
  user: User,
  id: string,
  body: CancelBody,
  now: Date,
  only?: 'offered',
  writeLimit?: TransactItem,
): Promise<BookingView> {
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  return optimistic(only ? 'decline an offer' : 'cancel a booking', async () => {
    const { booking: b, slot, relation } = await loadBooking(user, id, only ? 'decline' : 'cancel');
    assertOnBehalf(relation, body);
    if (only && b.status !== 'offered') {
      if (b.status === 'declined') return viewOf(b);
      throw new AppError('BOOKING_NOT_ACTIVE', `a booking that is ${b.status} has no offer to decline`);
    }
    if (isReleased(b.status)) return viewOf(b);
    const decision = decideCancel(b, slot, !!body.override && relation.staff, nowMs);
    const next = moveTo(b, decision, nowIso, noteOf(user, relation, body), { offerUntil: null, waitKey: null });
    const main = { previous: b, next };
    const notes = relation.resident ? [] : bookingNotes('cancelled', next, user.id, body.reason ?? '');
    let plan: Pick<Plan, 'changes' | 'extra' | 'guard'> = { changes: [main], extra: [], guard: {} };
    if (b.status === 'waiting')
      plan = { changes: [main], extra: [waitDelete(slot.id, b.waitKey!)], guard: { waitVersion: slot.waitVersion } };
    else if (b.status === 'applied') plan.guard = { phases: ['applying'] };
    else {
      const passed = await handOff(slot, main, nowMs);
      plan = { changes: passed.changes, extra: passed.extra, guard: { waitVersion: slot.waitVersion } };
      notes.push(...passed.notes);
    }
    await commit({ slot, ...plan, notes, limit: writeLimit, nowIso });
    return viewOf(next);
  });
}
