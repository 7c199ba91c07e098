import { randomInt } from 'node:crypto';
import { AppError, notFound } from '../../shared/errors';
import { newTicket } from '../../shared/domain/booking-ballot';
import { effectiveQuota, noShowStanding } from '../../shared/domain/booking-noshow';
import { bookingNotes } from '../../shared/domain/booking-notify';
import { canTake, decideBooking, limitedToOwnShare } from '../../shared/domain/booking-rules';
import { isAssisted, isReleased } from '../../shared/domain/booking-status';
import { beijingMonth } from '../../shared/domain/booking-time';
import { newBooking, toBookingView } from '../../shared/domain/booking-view';
import type { BookingCreateBody, BookingView } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { getBooking, getBookingById } from '../data/bookings';
import { findIdempotent, hashRequest, idempotencyPut, type IdempotencyRecord } from '../data/idempotency';
import { quotaUse } from '../data/quotas';
import { getSlot, type SlotGuard } from '../data/slots';
import { joinedWaitKey, waitlistOf, waitPosition, waitPut } from '../data/waitlist';
import { commit, CommitRefused } from './commit';
import { noShowHistory } from './no-show-history';
import { resolveResident } from './resident';

/**
 * A popular slot is one hot item: when a crowd taps at once most transactions collide and are retried.
 * Retries run for a time budget well inside the function's timeout, not a fixed count, with the backoff
 * growing to a cap; once the seats are gone a re-read answers SLOT_FULL without writing.
 */
const RETRY_BUDGET_MS = 6_000;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 25 * Math.min(attempt + 1, 12)));
const random = () => randomInt(0, 2 ** 30) / 2 ** 30;

async function replay(record: IdempotencyRecord, requestHash: string): Promise<{ booking: BookingView; replayed: true }> {
  if (record.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another booking; use a new key');
  }
  const booking = await getBookingById(record.resultId);
  if (!booking) throw notFound('booking');
  return { booking: toBookingView(booking, null), replayed: true };
}

/**
 * Books a seat, applies to a ballot, or joins the waiting list, in one TransactWriteItems: the slot's
 * counters with their condition, the booking keyed by slot and resident, the resident's quota within
 * its caps, the key's record, the waiting-list entry and the notifications (commit.ts). A refusal is
 * read from the cancellation reasons by position; a collision is retried with jitter after reading
 * the slot again, so a full slot ends as SLOT_FULL and never as an error the user sees.
 */
export async function bookSlot(user: User, body: BookingCreateBody, key: string | undefined, now: Date): Promise<{ booking: BookingView; replayed: boolean }> {
  const requestHash = hashRequest(body);
  // Read together: a replay is rare, and the slot is needed by everyone else.
  const [prior, firstSlot] = await Promise.all([key ? findIdempotent(user.id, key) : null, getSlot(body.slotId)]);
  if (prior) return replay(prior, requestHash);
  let slot = firstSlot;
  if (!slot) throw notFound('slot');
  const { resident, channel, booker } = await resolveResident(user, body.forResidentId, slot);
  const assisted = isAssisted(channel);
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  const month = beijingMonth(Date.parse(slot.start));
  let noShows: ReturnType<typeof noShowHistory> | null = null;

  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const current: Slot = slot;
    // Once every seat is taken the crowd is answered SLOT_FULL from the slot and the resident's own place alone.
    const full = current.booked >= current.seats && !body.waitlist && current.phase !== 'applying';
    const [existing, used, waiters, records] = await Promise.all([
      getBooking(current.id, resident.id),
      full ? Promise.resolve({ active: 0, month: 0 }) : quotaUse(resident.id, current.serviceId, month),
      !full && current.waiting > 0 ? waitlistOf(current.id) : Promise.resolve([]),
      full ? Promise.resolve([]) : (noShows ??= noShowHistory(resident.id, nowMs)),
    ]);
    const standing = noShowStanding(records, nowMs);
    const action = decideBooking({
      slot: current, resident, channel, existing, used, standing, waitlist: body.waitlist, nowMs,
      owedToWaiter: waiters.some((w) => canTake(current, w.assisted, nowMs)),
    });
    const waitKey = action === 'wait' ? joinedWaitKey(nowIso, resident.id) : null;
    const previous = existing && isReleased(existing.status) ? existing : null;
    const booking = newBooking({
      slot: current, resident, channel, booker, action, nowIso, waitKey, existing: previous,
      ticket: action === 'apply' ? newTicket(random) : null,
      weight: standing.weight,
    });
    const guards: Record<typeof action, SlotGuard> = {
      apply: { open: true, phases: ['applying'] },
      book: { open: true, phases: ['none', 'drawn'], seat: limitedToOwnShare(current, assisted, nowMs) ? 'own' : 'all', waitVersion: current.waitVersion },
      wait: { open: true, phases: ['none', 'drawn'], waitVersion: current.waitVersion, counters: current },
    };
    try {
      await commit({
        slot: current,
        changes: [{ previous, next: booking, caps: effectiveQuota(current.rules.quota, standing) }],
        guard: guards[action],
        keyItem: key ? idempotencyPut(user.id, key, requestHash, booking.id, now) : undefined,
        extra: waitKey ? [waitPut(current.id, waitKey, resident.id, assisted)] : [],
        notes: bookingNotes(action === 'book' ? 'booked' : action === 'apply' ? 'applied' : 'waiting', booking, user.id),
        nowIso,
      });
      return { booking: toBookingView(booking, waitKey ? await waitPosition(current.id, waitKey) : null), replayed: false };
    } catch (error) {
      if (!(error instanceof CommitRefused)) throw error;
      if (error.failed.has('key')) {
        const record = await findIdempotent(user.id, key!);
        if (record) return replay(record, requestHash);
      }
      if (error.failed.has('booking')) throw new AppError('ALREADY_BOOKED', 'the resident already holds a place on this slot');
      if (error.failed.has('quota')) throw new AppError('QUOTA_EXCEEDED', 'the resident has used this service as often as its quota allows');
      // The slot changed (a seat went, the waiting list moved) or the write collided: read and decide again.
      if (Date.now() - started > RETRY_BUDGET_MS) throw new AppError('UNAVAILABLE', 'too many bookings at once; try again shortly');
      await backoff(attempt);
      slot = (await getSlot(body.slotId)) ?? current;
    }
  }
}
