import { randomInt } from 'node:crypto';
import { AppError, notFound } from '../../shared/errors';
import { newTicket } from '../../shared/domain/booking/ballot';
import { serviceOfSlotId } from '../../shared/domain/booking/schedule';
import { effectiveQuota, noShowStanding, type NoShowRecord } from '../../shared/domain/booking/noshow';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { canTake, decideBooking, limitedToOwnShare } from '../../shared/domain/booking/rules';
import { isAssisted, isReleased } from '../../shared/domain/booking/status';
import { beijingMonth } from '../../shared/domain/beijing-time';
import { newBooking, toBookingView } from '../../shared/domain/booking/view';
import type { Booking, BookingCreateBody, BookingView } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { getBooking, getBookingById } from '../data/booking/bookings';
import { bookingLook } from '../data/booking/booking-look';
import { findIdempotent, hashRequest, idempotencyPut, type IdempotencyRecord } from '../data/idempotency';
import { quotaUse, quotaUseOf, type QuotaUse } from '../data/booking/quotas';
import { getSlot, type SlotGuard } from '../data/booking/slots';
import { waitlistOf, waitPut } from '../data/booking/waitlist';
import { optimistic } from '../data/retry';
import { commit, CommitRefused } from './commit';
import { noShowHistory } from './no-show-history';
import { assertMayBookSlot, whoBooks } from './resident';
import { giveBackWaitTicket, takeWaitTicket, type WaitTicket } from './wait-ticket';

/**
 * A popular slot is one hot item: when a crowd taps at once most transactions collide and are retried
 * (optimistic, data/retry.ts) for a time budget well inside the function's timeout; once the seats are
 * gone a re-read answers SLOT_FULL without writing. Joining its waiting list takes a number from a counter
 * instead of a version of the slot, so a crowd joining at once only waits for its turn on the slot item.
 */
const RETRY_BUDGET_MS = 12_000;
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
 * read from the cancellation reasons by position; a collision is decided again on the slot the refusal
 * returned (ALL_OLD), so a full slot ends as SLOT_FULL, with no more reads, and never as an error.
 */
export async function bookSlot(
  user: User,
  body: BookingCreateBody,
  key: string | undefined,
  now: Date,
): Promise<{ booking: BookingView; replayed: boolean }> {
  const requestHash = hashRequest(body);
  const residentId = body.forResidentId ?? user.id;
  // The no-show history is read beside the first look, not after it: one round trip less for everyone in a crowd.
  const noShows: Promise<NoShowRecord[]> = noShowHistory(residentId, now.getTime());
  // Unobserved when the request ends before deciding (a replay, an unknown slot): its failure is not news.
  noShows.catch(() => undefined);
  // Who books for whom is decided first (read beside the first look): it must not depend on the slot existing.
  const [who, look] = await Promise.all([
    whoBooks(user, body.forResidentId),
    bookingLook({ slotId: body.slotId, residentId, userId: user.id, key }),
  ]);
  if (look.record) return replay(look.record, requestHash);
  assertMayBookSlot(who, look.slot);
  const { resident, channel, booker } = who;
  const assisted = isAssisted(channel);
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  const month = beijingMonth(Date.parse(look.slot.start));
  // What is known to be current: after a refusal, only what the transaction found as read is kept (no slot: read it again).
  let known: { slot: Slot | null; existing?: Booking | null; quota?: QuotaUse } = {
    slot: look.slot,
    existing: look.booking,
    quota: look.slot.serviceId === serviceOfSlotId(look.slot.id) ? quotaUseOf(look.quota, month) : undefined,
  };
  // Taken on the first decision to wait and kept through retries, so one request holds one number.
  let ticket = null as WaitTicket | null;
  let joined = false;

  const answersFull = (s: Slot) => s.booked >= s.seats && !body.waitlist && s.phase !== 'applying';
  const attempt = async (): Promise<{ booking: BookingView; replayed: boolean }> => {
    const current = known.slot ?? (await getSlot(body.slotId));
    if (!current) throw notFound('slot');
    // Once every seat is taken the crowd is answered SLOT_FULL from the slot and the resident's own place alone.
    const full = answersFull(current);
    const [existingRead, used, waiters, records] = await Promise.all([
      known.existing !== undefined ? known.existing : getBooking(current.id, resident.id),
      full ? { active: 0, month: 0 } : (known.quota ?? quotaUse(resident.id, current.serviceId, month)),
      !full && current.waiting > 0 ? waitlistOf(current.id) : [],
      full ? [] : noShows,
    ]);
    const standing = noShowStanding(records, nowMs);
    const decide = (existing: Booking | null) =>
      decideBooking({
        slot: current,
        resident,
        channel,
        existing,
        used,
        standing,
        waitlist: body.waitlist,
        nowMs,
        owedToWaiter: waiters.some((w) => canTake(current, w.assisted, nowMs)),
      });
    let existing = existingRead;
    let action: ReturnType<typeof decideBooking>;
    try {
      action = decide(existing);
    } catch (error) {
      // The first look is not one snapshot: a parallel tap's booking can show in the quota before the
      // booking itself does. Read the booking again once, so that tap is answered ALREADY_BOOKED.
      if (!(error instanceof AppError && error.code === 'QUOTA_EXCEEDED')) throw error;
      existing = await getBooking(current.id, resident.id);
      action = decide(existing);
    }
    if (action === 'wait') ticket ??= await takeWaitTicket(current, resident.id);
    const waitKey = action === 'wait' ? ticket!.key : null;
    const previous = existing && isReleased(existing.status) ? existing : null;
    const booking = newBooking({
      slot: current,
      resident,
      channel,
      booker,
      action,
      nowIso,
      waitKey,
      existing: previous,
      // One ticket per resident and slot: applying again after a withdrawal keeps the first one (issue 16).
      ticket: action === 'apply' ? (previous?.ticket ?? newTicket(random)) : null,
      weight: standing.weight,
    });
    const guards: Record<typeof action, SlotGuard> = {
      apply: { open: true, phases: ['applying'] },
      book: {
        open: true,
        phases: ['none', 'drawn'],
        seat: limitedToOwnShare(current, assisted, nowMs) ? 'own' : 'all',
        waitVersion: current.waitVersion,
      },
      // No version of the waiting list: joiners never refuse one another, only a change of the seats does.
      wait: { open: true, phases: ['none', 'drawn'], counters: current },
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
    } catch (error) {
      if (!(error instanceof CommitRefused)) throw error;
      if (error.failed.has('key')) {
        const record = await findIdempotent(user.id, key!);
        if (record) return replay(record, requestHash);
      }
      if (error.failed.has('booking')) throw new AppError('ALREADY_BOOKED', 'the resident already holds a place on this slot');
      if (error.failed.has('quota'))
        throw new AppError('QUOTA_EXCEEDED', 'the resident has used this service as often as its quota allows');
      // The slot changed (a seat went, the waiting list moved) or the write collided: decide again on the
      // slot as the refusal returned it, keeping the resident's booking if the transaction found it as read.
      known = { slot: error.slotNow, existing: error.held.has('booking') ? existing : undefined };
      throw error;
    }
    joined = waitKey !== null;
    return { booking: toBookingView(booking, joined ? ticket!.place : null), replayed: false };
  };
  // A slot now full needs no pause: the next round answers SLOT_FULL without reading anything. Anyone
  // else (joining the waiting list, a seat still free) pauses, or the crowd collides again at once.
  const pauseAfter = (error: unknown) => !(error instanceof CommitRefused && error.slotNow && answersFull(error.slotNow));
  const outcome = await optimistic('book a slot', attempt, { budgetMs: RETRY_BUDGET_MS, pauseAfter }).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (ticket && !joined) await giveBackWaitTicket(body.slotId, outcome);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
