import type { SlotTimerKind } from '../../shared/domain/booking/schedule';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { annotate, moveTo } from '../../shared/domain/booking/status';
import type { Booking } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import { bookingsOfSlot, getBooking, getBookingById } from '../data/booking/bookings';
import { noShowPut } from '../data/booking/quotas';
import { getSlot, slotOwner } from '../data/booking/slots';
import { getStanding, standingPut } from '../data/booking/standing';
import { finishTimer, getTimer } from '../data/timers';
import type { TickOutcome } from '../tick/outcome';
import { optimistic } from '../data/retry';
import { commit } from './commit';
import { fillFromWaitlist, handOff } from './hand-off';

/**
 * What tick does at a slot's moments and when an offer lapses. Each re-reads what it acts on and
 * changes a booking only from the status it expects, so a second run for the same moment does nothing.
 */
type Step = (b: Booking, nowIso: string) => Promise<void>;

/** Runs `step` for each booking of the slot in `status`, a few at a time; each re-reads its booking first. */
async function forEachBooking(slotId: string, wanted: (b: Booking) => boolean, step: Step, nowIso: string): Promise<void> {
  const targets = (await bookingsOfSlot(slotId)).filter(wanted);
  for (let i = 0; i < targets.length; i += 4) {
    await Promise.all(
      targets.slice(i, i + 4).map((t) =>
        optimistic('change a booking at its slot timer', async () => {
          const fresh = await getBooking(t.slotId, t.residentId);
          if (fresh && wanted(fresh)) await step(fresh, nowIso);
        }),
      ),
    );
  }
}

/**
 * The work of a slot timer, once the slot's own moment for it has come (staff may have moved the slot
 * since the timer was set) and while the timer is there; the timer goes when the work is done.
 */
async function atTimer(slotId: string, kind: SlotTimerKind, now: Date, work: (slot: Slot) => Promise<void>): Promise<TickOutcome> {
  const [timer, slot] = await Promise.all([getTimer(slotOwner(slotId), kind), getSlot(slotId)]);
  if (!timer) return 'skipped';
  if (slot && now.getTime() < Date.parse(momentOf(slot, kind))) return 'skipped';
  if (slot && slot.status !== 'closed') await work(slot);
  await finishTimer(slotOwner(slotId), kind);
  return 'done';
}

const momentOf = (slot: Slot, kind: SlotTimerKind): string =>
  ({
    slot_reminder: slot.times.remindAt,
    slot_noshow: slot.times.graceEndsAt,
    slot_release: slot.times.releaseAt,
    slot_ballot: slot.times.ballotClosesAt ?? slot.start,
  })[kind];

/** The day before: each booked resident (and whoever booked for them) is reminded, once. */
export const processReminder = (slotId: string, now: Date) =>
  atTimer(slotId, 'slot_reminder', now, async (slot) => {
    await forEachBooking(
      slotId,
      (b) => b.status === 'booked' && !b.remindedAt,
      async (b, nowIso) => {
        const next = annotate(b, nowIso, null, { remindedAt: nowIso });
        await commit({ slot, changes: [{ previous: b, next }], guard: {}, notes: bookingNotes('reminder', next, null), nowIso });
      },
      now.toISOString(),
    );
  });

/** At the end of the grace period: who was not checked in is a no-show; the seat opens to walk-ins at the desk. */
export const processNoShow = (slotId: string, now: Date) =>
  atTimer(slotId, 'slot_noshow', now, async (slot) => {
    await forEachBooking(
      slotId,
      (b) => b.status === 'booked',
      async (b, nowIso) => {
        const next = moveTo(b, 'no_show', nowIso, '签到时间已过,记为未到场');
        // The resident's standing counts it in the same transaction (over the version read), so no booking queries the records.
        const standing = await getStanding(b.residentId);
        await commit({
          slot,
          changes: [{ previous: b, next }],
          guard: {},
          extra: [
            noShowPut(b.residentId, nowIso, b.id),
            standingPut(b.residentId, standing, { add: { at: nowIso, bookingId: b.id } }, Date.parse(nowIso)),
          ],
          notes: bookingNotes('no_show', next, null),
          nowIso,
        });
      },
      now.toISOString(),
    );
  });

/** The held-back seats open to everyone: those waiting for them are offered them first. */
export const processRelease = (slotId: string, now: Date) =>
  atTimer(slotId, 'slot_release', now, async () => {
    await fillFromWaitlist(slotId, now.getTime());
  });

/** An offer not taken in time lapses, and its seat passes to the next one waiting, in one transaction. */
export async function processOffer(bookingId: string, now: Date): Promise<TickOutcome> {
  const nowIso = now.toISOString();
  return optimistic('pass on a lapsed offer', async () => {
    const b = await getBookingById(bookingId);
    if (b?.status !== 'offered' || now.getTime() < Date.parse(b.offerUntil!)) return 'skipped';
    const slot = await getSlot(b.slotId);
    if (!slot) throw new Error(`booking ${b.id} has no slot`);
    const next = moveTo(b, 'expire', nowIso, '保留时间已过,名额转给下一位', { offerUntil: null });
    const passed = await handOff(slot, { previous: b, next }, now.getTime());
    await commit({
      slot,
      changes: passed.changes,
      guard: { waitVersion: slot.waitVersion },
      extra: passed.extra,
      notes: [...bookingNotes('offer_expired', next, null), ...passed.notes],
      nowIso,
    });
    return 'done';
  });
}
